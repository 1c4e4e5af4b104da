using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Gengbao.Geo.Crs;

/// <summary>
/// The CGCS2000 coordinate reference systems the platform accepts: geographic EPSG:4490 and the 64 Gauss–Krüger
/// zones EPSG:4491–4554 (domain.md §4). The EPSG ranges were checked against the PROJ 9.1 database (proj.db):
/// 4491–4501 6-degree zones 13–23 with prefix, 4502–4512 the same without, 4513–4533 3-degree zones 25–45 with
/// prefix, 4534–4554 the same without; all transverse Mercator, k0 = 1, false northing 0.
/// </summary>
public static class CgcsCrs
{
    /// <summary>EPSG code of CGCS2000 geographic 2D (longitude/latitude in degrees).</summary>
    public const int Geographic = 4490;

    private const int FirstZoneEpsg = 4491;
    private const int LastZoneEpsg = 4554;

    private static readonly GaussKrugerZone[] ZoneTable = BuildZones();

    /// <summary>All 64 CGCS2000 Gauss–Krüger zones, ordered by EPSG code.</summary>
    public static IReadOnlyList<GaussKrugerZone> Zones => ZoneTable;

    /// <summary>True for 4490 and EPSG:4491–4554.</summary>
    public static bool IsSupported(int epsg) => epsg == Geographic || IsZone(epsg);

    /// <summary>Looks up a Gauss–Krüger zone by EPSG code; false (and null) outside EPSG:4491–4554.</summary>
    public static bool TryGetZone(int epsg, [MaybeNullWhen(false)] out GaussKrugerZone zone)
    {
        zone = IsZone(epsg) ? ZoneTable[epsg - FirstZoneEpsg] : null!;
        return IsZone(epsg);
    }

    /// <summary>The zone for an EPSG code; throws <see cref="ArgumentOutOfRangeException"/> outside 4491–4554.</summary>
    public static GaussKrugerZone GetZone(int epsg) =>
        TryGetZone(epsg, out var zone)
            ? zone
            : throw new ArgumentOutOfRangeException(nameof(epsg), epsg, "not a CGCS2000 Gauss-Kruger zone (EPSG:4491-4554)");

    /// <summary>
    /// The 3-degree zone containing a longitude: n = floor((L + 1.5) / 3), CM = 3n (domain.md §4.2); a longitude on a
    /// zone boundary (e.g. 103.5°) belongs to the eastern zone. Throws <see cref="ArgumentOutOfRangeException"/>
    /// outside zones 25–45 (73.5°E–136.5°E).
    /// </summary>
    public static GaussKrugerZone ThreeDegreeZoneFor(double lon, bool withPrefix)
    {
        var n = Math.Floor((lon + 1.5) / 3.0);
        if (!(n >= 25 && n <= 45))
        {
            throw new ArgumentOutOfRangeException(nameof(lon), lon, "outside the CGCS2000 3-degree zones 25-45 (73.5E-136.5E)");
        }
        var zone = (int)n;
        return ZoneTable[(withPrefix ? 4513 : 4534) + (zone - 25) - FirstZoneEpsg];
    }

    /// <summary>
    /// The 6-degree zone containing a longitude: n = floor(L / 6) + 1, CM = 6n − 3 (domain.md §4.2). Throws
    /// <see cref="ArgumentOutOfRangeException"/> outside zones 13–23 (72°E–138°E).
    /// </summary>
    public static GaussKrugerZone SixDegreeZoneFor(double lon, bool withPrefix)
    {
        var n = Math.Floor(lon / 6.0) + 1;
        if (!(n >= 13 && n <= 23))
        {
            throw new ArgumentOutOfRangeException(nameof(lon), lon, "outside the CGCS2000 6-degree zones 13-23 (72E-138E)");
        }
        var zone = (int)n;
        return ZoneTable[(withPrefix ? 4491 : 4502) + (zone - 13) - FirstZoneEpsg];
    }

    /// <summary>
    /// Reads the zone from an easting that carries a zone prefix (8 integer digits, e.g. 34 512 345.67): the 3-degree
    /// zone numbers 25–45 and the 6-degree zone numbers 13–23 do not overlap, so the prefix alone names the zone.
    /// False for an easting without prefix (6 integer digits) or an unknown prefix.
    /// </summary>
    public static bool TryGetZoneFromPrefixedEasting(double easting, [MaybeNullWhen(false)] out GaussKrugerZone zone)
    {
        zone = null!;
        if (!(easting >= 10_000_000 && easting < 100_000_000))
        {
            return false;
        }
        var n = (int)Math.Floor(easting / 1_000_000.0);
        if (n is >= 25 and <= 45)
        {
            zone = ZoneTable[4513 + (n - 25) - FirstZoneEpsg];
        }
        else if (n is >= 13 and <= 23)
        {
            zone = ZoneTable[4491 + (n - 13) - FirstZoneEpsg];
        }
        return zone is not null;
    }

    /// <summary>
    /// Recognises the declared CRS of a data set from an EPSG code and/or a WKT definition (OGC WKT1 as in
    /// GeoPackage <c>gpkg_spatial_ref_sys.definition</c>, WKT2 <c>PROJCRS[...]</c>, or ESRI .prj WKT). A definition is
    /// judged by content — datum China 2000/CGCS2000 on the CGCS2000 ellipsoid, transverse Mercator (Gauss_Kruger),
    /// k0 = 1, false northing 0, a 3- or 6-degree central meridian and a false easting that fits it — unless its own
    /// EPSG AUTHORITY/ID names the CRS. When both are given and name different CRSs, the result is unsupported,
    /// because a contradictory declaration puts data in the wrong place. An EPSG code ≤ 0 (GeoPackage's
    /// "undefined" srs_id 0/−1) and the definition text "undefined" count as not declared. Never throws.
    /// </summary>
    public static CrsIdentification Identify(int? epsg, string? definition)
    {
        var declaredEpsg = epsg is > 0 ? epsg : null;
        var hasDefinition = !string.IsNullOrWhiteSpace(definition)
            && !definition.Trim().Equals("undefined", StringComparison.OrdinalIgnoreCase);

        var fromCode = declaredEpsg is { } code ? FromEpsg(code) : null;
        if (!hasDefinition)
        {
            return fromCode ?? CrsIdentification.Unsupported("no coordinate reference system declared");
        }

        var root = WktParser.TryParse(definition!, out var error);
        if (root is null)
        {
            // A readable EPSG code outweighs a definition we cannot parse; without one there is nothing to go on.
            return fromCode is { IsSupported: true }
                ? fromCode
                : CrsIdentification.Unsupported($"coordinate reference system definition could not be read ({error})");
        }

        var fromText = WktCrsInterpreter.Identify(root);
        var codeIsKnown = declaredEpsg is { } known && (IsSupported(known) || ForeignCrsNames.TryGetName(known, out _));
        if (fromCode is null || !codeIsKnown || !fromText.IsSupported && !fromCode.IsSupported)
        {
            // An EPSG code we know nothing about (a private srs_id passed as a code) cannot contradict the definition.
            return fromText;
        }
        if (fromText.IsSupported && fromCode.IsSupported && fromText.Epsg == fromCode.Epsg)
        {
            return fromText;
        }
        if (fromText.IsSupported && fromCode.IsSupported && fromText.Zone is { } a && fromCode.Zone is { } b
            && a.CentralMeridian == b.CentralMeridian && a.FalseEasting == b.FalseEasting)
        {
            // A 3-degree and a 6-degree zone on the same meridian are the same projection; the code decides the name.
            return fromCode;
        }
        return CrsIdentification.Unsupported(
            $"EPSG:{declaredEpsg!.Value.ToString(CultureInfo.InvariantCulture)} ({fromCode.Description}) contradicts its definition ({fromText.Description})");
    }

    /// <summary>Identification from an EPSG code alone; foreign codes get a readable name where one is known.</summary>
    internal static CrsIdentification FromEpsg(int epsg)
    {
        if (epsg == Geographic)
        {
            return CrsIdentification.Geographic("CGCS2000 (EPSG:4490)");
        }
        if (TryGetZone(epsg, out var zone))
        {
            return CrsIdentification.Projected(zone);
        }
        var code = epsg.ToString(CultureInfo.InvariantCulture);
        return ForeignCrsNames.TryGetName(epsg, out var name)
            ? CrsIdentification.Unsupported(ForeignCrsNames.IsCgcs2000Variant(epsg)
                ? $"{name} (EPSG:{code}) is not 2D CGCS2000 longitude/latitude or a Gauss-Kruger zone"
                : $"{name} (EPSG:{code}) is not CGCS2000")
            : CrsIdentification.Unsupported($"EPSG:{code} is not a CGCS2000 geographic or Gauss-Kruger coordinate reference system");
    }

    private static bool IsZone(int epsg) => epsg is >= FirstZoneEpsg and <= LastZoneEpsg;

    private static GaussKrugerZone[] BuildZones()
    {
        var zones = new GaussKrugerZone[LastZoneEpsg - FirstZoneEpsg + 1];
        for (var n = 13; n <= 23; n++)
        {
            double cm = (6 * n) - 3;
            zones[4491 + (n - 13) - FirstZoneEpsg] = new GaussKrugerZone(4491 + (n - 13), 6, n, cm, true);
            zones[4502 + (n - 13) - FirstZoneEpsg] = new GaussKrugerZone(4502 + (n - 13), 6, n, cm, false);
        }
        for (var n = 25; n <= 45; n++)
        {
            double cm = 3 * n;
            zones[4513 + (n - 25) - FirstZoneEpsg] = new GaussKrugerZone(4513 + (n - 25), 3, n, cm, true);
            zones[4534 + (n - 25) - FirstZoneEpsg] = new GaussKrugerZone(4534 + (n - 25), 3, n, cm, false);
        }
        return zones;
    }
}
