using System.Globalization;

namespace Gengbao.Storage.Ogc;

/// <summary>
/// The coordinate reference systems the OGC API serves (Part 2): CRS84 (lon, lat), EPSG:4490 (CGCS2000 geographic,
/// axis order lat, lon as EPSG defines it) and the CGCS2000 Gauss–Krüger zones EPSG:4513–4554 (axis order northing,
/// easting as EPSG defines them). PostGIS always stores x = lon/easting, so every CRS but CRS84 is written flipped.
/// </summary>
public sealed record OgcCrs(string Uri, int Srid, bool NorthingFirst)
{
    public const string Crs84Uri = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    public static OgcCrs Crs84 { get; } = new(Crs84Uri, 4490, false);

    public static OgcCrs Epsg(int srid) => new(string.Create(CultureInfo.InvariantCulture, $"http://www.opengis.net/def/crs/EPSG/0/{srid}"), srid, true);

    /// <summary>CGCS2000 geographic and the 3° Gauss–Krüger zones, with and without the zone prefix.</summary>
    public static bool IsServed(int srid) => srid == 4490 || srid is >= 4513 and <= 4554;

    /// <summary>Parses a CRS URI (or <c>EPSG:n</c>, <c>[EPSG:n]</c> safe CURIE); null if it is not one the API serves.</summary>
    public static OgcCrs? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Crs84;
        }
        var v = value.Trim().Trim('[', ']');
        if (v is Crs84Uri or "OGC:CRS84" or "https://www.opengis.net/def/crs/OGC/1.3/CRS84")
        {
            return Crs84;
        }
        string? code = null;
        foreach (var prefix in new[] { "http://www.opengis.net/def/crs/EPSG/0/", "https://www.opengis.net/def/crs/EPSG/0/", "EPSG:" })
        {
            if (v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                code = v[prefix.Length..];
            }
        }
        return code is not null && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var srid) && IsServed(srid) ? Epsg(srid) : null;
    }
}
