using NetTopologySuite.Geometries;

namespace Gengbao.Screening;

/// <summary>
/// Where <see cref="ScreeningPipeline"/> gets its features: the seam between the pure screening and a store
/// (a GeoPackage in the command line, PostGIS later). All geometries in one Gauss–Krüger zone. The pipeline calls the
/// methods one at a time unless <see cref="ReadsConcurrently"/>, and not always from the same thread.
/// </summary>
public interface IScreeningSource
{
    /// <summary>
    /// True when <see cref="ReadChangePatches"/> and <see cref="ReadReferenceLayers"/> may run on several threads at
    /// once (e.g. one file connection each); otherwise the pipeline reads one batch at a time.
    /// </summary>
    bool ReadsConcurrently => false;

    /// <summary>Id and envelope of every change patch, without geometry (e.g. from a spatial index).</summary>
    IReadOnlyList<(long Id, Envelope Box)> ReadChangePatchBoxes();

    /// <summary>The change patches with the given ids, in any order.</summary>
    IReadOnlyList<ChangePatch> ReadChangePatches(IReadOnlyCollection<long> ids);

    /// <summary>
    /// Every reference feature whose envelope intersects at least one of <paramref name="boxes"/>, each feature once.
    /// More is allowed (it costs time only); fewer makes results wrong. A land layer may already be restricted to
    /// cultivated classes.
    /// </summary>
    ScreeningLayers ReadReferenceLayers(IReadOnlyList<Envelope> boxes);
}
