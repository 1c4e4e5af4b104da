using System.Globalization;

namespace Gengbao.Geo.Crs;

/// <summary>
/// One CGCS2000 Gauss–Krüger zone as EPSG defines it (EPSG:4491–4554, domain.md §4.2): transverse Mercator on the
/// CGCS2000 ellipsoid with scale factor 1, latitude of origin 0 and false northing 0. Obtain instances from
/// <see cref="CgcsCrs"/> rather than constructing them, so the EPSG code and the parameters agree.
/// </summary>
/// <param name="Epsg">EPSG code of the projected CRS.</param>
/// <param name="ZoneWidth">3 or 6 (degrees of longitude).</param>
/// <param name="ZoneNumber">3-degree zones 25–45 (CM = 3·n), 6-degree zones 13–23 (CM = 6·n − 3).</param>
/// <param name="CentralMeridian">Longitude of the central meridian, degrees east.</param>
/// <param name="HasZonePrefix">True when eastings carry the zone number in front (e.g. 34 512 345.67 in zone 34).</param>
public sealed record GaussKrugerZone(int Epsg, int ZoneWidth, int ZoneNumber, double CentralMeridian, bool HasZonePrefix)
{
    /// <summary>False easting in metres: ZoneNumber·10⁶ + 500 000 with the zone prefix, otherwise 500 000.</summary>
    public double FalseEasting => HasZonePrefix ? (ZoneNumber * 1_000_000.0) + 500_000.0 : 500_000.0;

    /// <summary>
    /// The EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger zone 34", "CGCS2000 / 3-degree Gauss-Kruger CM 102E",
    /// "CGCS2000 / Gauss-Kruger zone 18" (6-degree zones carry no width in their EPSG name).
    /// </summary>
    public string Name
    {
        get
        {
            var width = ZoneWidth == 3 ? "3-degree " : string.Empty;
            var which = HasZonePrefix
                ? "zone " + ZoneNumber.ToString(CultureInfo.InvariantCulture)
                : "CM " + CentralMeridian.ToString(CultureInfo.InvariantCulture) + "E";
            return $"CGCS2000 / {width}Gauss-Kruger {which}";
        }
    }

    /// <summary>Returns <see cref="Name"/> with the EPSG code, for messages.</summary>
    public override string ToString() => $"{Name} (EPSG:{Epsg.ToString(CultureInfo.InvariantCulture)})";
}
