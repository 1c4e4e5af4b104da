using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gengbao.Import.GeoJson;

/// <summary>
/// Reads the legacy top-level "crs" member (GeoJSON 2008 §3, dropped by RFC 7946 but still written by GDAL and
/// ArcGIS for projected data): a named CRS such as "urn:ogc:def:crs:EPSG::4522" or "EPSG:4490", the older
/// {"type":"EPSG","properties":{"code":4522}}, or a link.
/// </summary>
internal static partial class GeoJsonCrs
{
    /// <summary>What <see cref="Model.SourceLayer.CrsDefinition"/> says for a file without "crs": RFC 7946 §4 fixes WGS 84 longitude/latitude.</summary>
    public const string Rfc7946Default = "RFC 7946 default (WGS 84)";

    /// <summary>EPSG code (when the name carries one) and the CRS text; both null for "crs": null, which declares the CRS unknown.</summary>
    public static (int? Epsg, string? Definition) Parse(JsonElement crs)
    {
        if (crs.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }
        if (crs.ValueKind == JsonValueKind.Object
            && crs.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && crs.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            switch (type.GetString())
            {
                case "name" when properties.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String:
                    var text = name.GetString()!.Trim();
                    return (EpsgOf(text), text);
                case "EPSG" when properties.TryGetProperty("code", out var code) && code.TryGetInt32(out var number):
                    return (number, "EPSG:" + number.ToString(CultureInfo.InvariantCulture));
                case "link" when properties.TryGetProperty("href", out var href) && href.ValueKind == JsonValueKind.String:
                    return (null, href.GetString());
            }
        }
        return (null, crs.GetRawText());
    }

    /// <summary>The EPSG code in an OGC URN, an "EPSG:n" code or an opengis.net URI; null for anything else (CRS84 included).</summary>
    public static int? EpsgOf(string name)
    {
        var match = EpsgName().Match(name);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
    }

    [GeneratedRegex(@"^(?:urn:(?:x-)?ogc:def:crs:EPSG:(?:[0-9.]*:)?|EPSG::?|https?://www\.opengis\.net/def/crs/EPSG/[^/]+/)([0-9]{1,9})$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EpsgName();
}
