namespace Gengbao.Geo.Crs;

/// <summary>
/// What <see cref="CgcsCrs.Identify"/> made of a declared coordinate reference system.
/// </summary>
/// <param name="Epsg">4490 or the zone's EPSG code when <paramref name="IsSupported"/>; otherwise null.</param>
/// <param name="Zone">The Gauss–Krüger zone for a supported projected CRS; null for geographic or unsupported.</param>
/// <param name="IsSupported">True for CGCS2000 geographic (EPSG:4490) and every CGCS2000 Gauss–Krüger zone.</param>
/// <param name="Description">
/// Human text for logs and error messages: the CRS name when supported (e.g. "CGCS2000 / 3-degree Gauss-Kruger
/// zone 34"), otherwise why it is rejected (e.g. "Xian 1980 / 3-degree Gauss-Kruger zone 34 is not CGCS2000").
/// </param>
public sealed record CrsIdentification(int? Epsg, GaussKrugerZone? Zone, bool IsSupported, string Description)
{
    /// <summary>True for supported CGCS2000 longitude/latitude (EPSG:4490).</summary>
    public bool IsGeographic => IsSupported && Zone is null;

    internal static CrsIdentification Geographic(string description) =>
        new(CgcsCrs.Geographic, null, true, description);

    internal static CrsIdentification Projected(GaussKrugerZone zone) => new(zone.Epsg, zone, true, zone.Name);

    internal static CrsIdentification Unsupported(string description) => new(null, null, false, description);
}
