using System.Globalization;

namespace Gengbao.Import.Quality;

/// <summary>
/// One problem a quality check (质检) found: layer, feature (FID and its BSM/JCBH/XZQDM), field, the check's name,
/// a message, and a point on the feature in lon/lat (EPSG:4490) with a link to the map there.
/// </summary>
public sealed record QualityProblem(string Layer, long? Fid, string? Key, string? Field, string Check, string Message, double? Lon, double? Lat)
{
    /// <summary>The web map at the problem (layer, lon, lat, zoom 18): <c>/#layer/lon/lat/18</c>.</summary>
    public string? MapLink => Lon is { } lon && Lat is { } lat
        ? string.Create(CultureInfo.InvariantCulture, $"/#{Layer.ToLowerInvariant()}/{lon:F6}/{lat:F6}/18")
        : null;

    public override string ToString() =>
        $"layer {Layer}{(Fid is null ? "" : $": feature {Fid}{(Key is null ? "" : $" ({Key})")}")}{(Field is null ? "" : $": field {Field}")}: {Check}: {Message}";
}
