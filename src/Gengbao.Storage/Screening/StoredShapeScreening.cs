using Gengbao.Geo.Crs;
using Gengbao.Screening;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Screening;

/// <summary>
/// Screens one reported shape (a patrol finding's drawn polygon) against the stored layers exactly as the screening
/// job screens a change patch: the latest survey, farmland and approvals of the year or earlier, neighbours included,
/// official areas (<see cref="ScreeningJob.PlatformRules"/>). Points and shapes where no land survey is loaded are not
/// screened (null): they go to a field check.
/// </summary>
public sealed class StoredShapeScreening(NpgsqlDataSource dataSource)
{
    public async Task<PatchScreening?> ScreenAsync(string countyCode, int year, Geometry lonLat, string number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lonLat);
        if (lonLat is not (Polygon or MultiPolygon) || lonLat.IsEmpty || !lonLat.IsValid)
        {
            return null;
        }
        var inputs = await ScreeningInputs.LoadReferenceAsync(dataSource, countyCode, year, lonLat.Centroid.X, cancellationToken).ConfigureAwait(false);
        if (inputs is null)
        {
            return null;
        }
        var zoned = GeometryReprojector.ToZone(lonLat, inputs.Zone);
        using var source = new PostgisScreeningSource(dataSource, inputs);
        var layers = source.ReadReferenceLayers([zoned.EnvelopeInternal]);
        var engine = new ScreeningEngine(inputs.Zone, ScreeningJob.PlatformRules);
        return engine.Screen([new ChangePatch(0, number, zoned, null, null)], layers, cancellationToken: cancellationToken)[0];
    }
}
