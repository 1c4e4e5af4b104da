namespace Gengbao.Screening.Comparison;

/// <summary>
/// A parcel the comparison cannot overlay (no, empty or non-polygonal geometry; an overlay that fails on invalid
/// geometry). Carries the side and the parcel id so the caller can name file, layer and feature.
/// </summary>
public sealed class ComparisonInputException(ComparisonSide side, long parcelId, string problem, Exception? inner = null)
    : Exception($"{side} parcel {parcelId}: {problem}", inner)
{
    /// <summary>The survey year the parcel belongs to.</summary>
    public ComparisonSide Side { get; } = side;

    /// <summary>The parcel's id in its source (GeoPackage fid).</summary>
    public long ParcelId { get; } = parcelId;

    /// <summary>What is wrong, without side and id.</summary>
    public string Problem { get; } = problem;
}
