using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Gengbao.Geo.Crs;

/// <summary>
/// EPSG names of the coordinate reference systems most often found in Chinese land data that are not supported
/// (Xian 1980, Beijing 1954, New Beijing Gauss–Krüger zones, WGS 84 and its UTM zones), so a rejection says what
/// the data actually is. Ranges checked against the PROJ 9.1 database.
/// </summary>
internal static class ForeignCrsNames
{
    private readonly record struct ZoneRange(int First, int Last, string Datum, bool ThreeDegree, bool Prefix, int FirstZone);

    private static readonly ZoneRange[] Ranges =
    [
        new(2327, 2337, "Xian 1980", false, true, 13),
        new(2338, 2348, "Xian 1980", false, false, 13),
        new(2349, 2369, "Xian 1980", true, true, 25),
        new(2370, 2390, "Xian 1980", true, false, 25),
        new(2401, 2421, "Beijing 1954", true, true, 25),
        new(2422, 2442, "Beijing 1954", true, false, 25),
        new(21413, 21423, "Beijing 1954", false, true, 13),
        new(21453, 21463, "Beijing 1954", false, false, 13),
        new(4568, 4578, "New Beijing", false, true, 13),
        new(4579, 4589, "New Beijing", false, false, 13),
        new(4652, 4656, "New Beijing", true, true, 25),
        new(4766, 4781, "New Beijing", true, true, 30),
        new(4782, 4800, "New Beijing", true, false, 25),
        new(4812, 4812, "New Beijing", true, false, 44),
        new(4822, 4822, "New Beijing", true, false, 45),
    ];

    private static readonly Dictionary<int, string> Singles = new()
    {
        [4214] = "Beijing 1954",
        [4610] = "Xian 1980",
        [4555] = "New Beijing",
        [4326] = "WGS 84",
        [4979] = "WGS 84 (3D)",
        [4978] = "WGS 84 (geocentric)",
        [3857] = "WGS 84 / Pseudo-Mercator",
        [4479] = "China Geodetic Coordinate System 2000 (geocentric)",
        [4480] = "China Geodetic Coordinate System 2000 (3D)",
    };

    /// <summary>True for the CGCS2000 CRSs that are not 2D (geocentric, 3D), which deserve a different message.</summary>
    public static bool IsCgcs2000Variant(int epsg) => epsg is 4479 or 4480;

    public static bool TryGetName(int epsg, [NotNullWhen(true)] out string? name)
    {
        if (Singles.TryGetValue(epsg, out name))
        {
            return true;
        }
        if (epsg is >= 32601 and <= 32660 or >= 32701 and <= 32760)
        {
            var zone = (epsg % 100).ToString(CultureInfo.InvariantCulture);
            name = $"WGS 84 / UTM zone {zone}{(epsg < 32700 ? "N" : "S")}";
            return true;
        }
        foreach (var range in Ranges)
        {
            if (epsg < range.First || epsg > range.Last)
            {
                continue;
            }
            var n = range.FirstZone + (epsg - range.First);
            var width = range.ThreeDegree ? "3-degree " : string.Empty;
            var cm = range.ThreeDegree ? 3 * n : (6 * n) - 3;
            var which = range.Prefix
                ? "zone " + n.ToString(CultureInfo.InvariantCulture)
                : "CM " + cm.ToString(CultureInfo.InvariantCulture) + "E";
            name = $"{range.Datum} / {width}Gauss-Kruger {which}";
            return true;
        }
        return false;
    }
}
