using System.Globalization;
using Gengbao.Geo.Codes;
using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Grid;

/// <summary>
/// The parcel spatial code (空间码). No standard for it was found (domain.md §6.3), so this is the platform's own,
/// configurable-by-level design:
/// <code>
/// VVVVVVVVVVVV B…B [-n]
/// 622921100201 N48I4B0A6... -2
/// </code>
/// twelve digits of the village (the first 12 digits of the ZLDWDM/admin code, a 6- or 9-digit code padded with
/// zeros), immediately followed by the Beidou 2D grid code (GB/T 39409-2020, <see cref="BeidouGridCode"/>) of the
/// parcel's interior point at the chosen level (default 7, cells of about 7 m), and for the second, third … parcel
/// of the same village in the same cell a suffix "-2", "-3" …. The Beidou part starts with N or S, so the split is
/// unambiguous; no check character is added because every position of the Beidou part has a restricted alphabet that
/// <see cref="TryParse"/> verifies, and because prefixes stay meaningful (a village, then ever smaller cells).
/// </summary>
public static class SpatialCode
{
    /// <summary>Default Beidou level, about 7.7 m × 7.7 m at the equator.</summary>
    public const int DefaultLevel = 7;

    private const int VillageDigits = 12;

    /// <summary>
    /// The code for a parcel whose interior point is (lon, lat) in CGCS2000 degrees. <paramref name="adminCode"/>
    /// must be well-formed (<see cref="AdminCode.IsWellFormed"/>): digits only, 6, 9, 12, 15 or 19 long; otherwise
    /// <see cref="ArgumentException"/>.
    /// </summary>
    public static string Compose(string adminCode, double lon, double lat, int level = DefaultLevel) =>
        VillagePart(adminCode) + BeidouGridCode.Encode(lon, lat, level);

    /// <summary>
    /// The code for a parcel geometry: its <see cref="InteriorPoint"/> taken in the geometry's own coordinates, then
    /// converted to longitude/latitude when <paramref name="zone"/> says the geometry is in a Gauss–Krüger zone
    /// (null: the geometry is already CGCS2000 lon/lat).
    /// </summary>
    public static string ComposeFor(string adminCode, Geometry parcel, GaussKrugerZone? zone = null, int level = DefaultLevel)
    {
        var point = InteriorPoint(parcel);
        var (lon, lat) = zone is null ? (point.X, point.Y) : TransverseMercator.For(zone).Inverse(point.X, point.Y);
        return Compose(adminCode, lon, lat, level);
    }

    /// <summary>
    /// Splits a spatial code; false for anything that is not exactly 12 digits, a well-formed Beidou code and an
    /// optional suffix "-n" with n ≥ 2 written without leading zeros.
    /// </summary>
    public static bool TryParse(string? code, out SpatialCodeParts parts)
    {
        parts = default;
        if (code is null || code.Length < VillageDigits + 4)
        {
            return false;
        }
        for (var i = 0; i < VillageDigits; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return false;
            }
        }
        var dash = code.IndexOf('-', VillageDigits);
        var beidou = dash < 0 ? code[VillageDigits..] : code[VillageDigits..dash];
        if (!BeidouGridCode.TryDecode(beidou, out var cell))
        {
            return false;
        }
        int? suffix = null;
        if (dash >= 0)
        {
            var digits = code.AsSpan(dash + 1);
            if (digits.Length is 0 or > 9 || digits[0] == '0' || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 2)
            {
                return false;
            }
            suffix = n;
        }
        parts = new SpatialCodeParts(code[..VillageDigits], beidou, cell.Level, suffix);
        return true;
    }

    /// <summary>
    /// The code for the n-th parcel sharing a village and cell: n = 1 gives the code without suffix, n ≥ 2 appends
    /// "-n" (replacing any suffix already there). <see cref="ArgumentException"/> for a malformed code,
    /// <see cref="ArgumentOutOfRangeException"/> for n &lt; 1.
    /// </summary>
    public static string WithSuffix(string code, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (!TryParse(code, out var parts))
        {
            throw new ArgumentException($"'{code}' is not a spatial code (12-digit village code, Beidou grid code, optional -n)", nameof(code));
        }
        return n == 1 ? parts.Base : parts.Base + "-" + n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The representative point of a parcel: NTS <see cref="Geometry.InteriorPoint"/> (the counterpart of PostGIS
    /// <c>ST_PointOnSurface</c>), which is deterministic and always inside a non-empty polygon. Throws
    /// <see cref="ArgumentException"/> for an empty geometry.
    /// </summary>
    public static Point InteriorPoint(Geometry parcel)
    {
        ArgumentNullException.ThrowIfNull(parcel);
        if (parcel.IsEmpty)
        {
            throw new ArgumentException("an empty geometry has no interior point", nameof(parcel));
        }
        return parcel.InteriorPoint;
    }

    private static string VillagePart(string adminCode)
    {
        if (!AdminCode.IsWellFormed(adminCode, out var problem))
        {
            throw new ArgumentException(problem, nameof(adminCode));
        }
        return adminCode.Length >= VillageDigits ? adminCode[..VillageDigits] : adminCode.PadRight(VillageDigits, '0');
    }
}
