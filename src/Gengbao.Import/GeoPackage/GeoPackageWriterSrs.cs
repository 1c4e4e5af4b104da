using System.Globalization;

namespace Gengbao.Import.GeoPackage;

/// <summary>
/// Rows of <c>gpkg_spatial_ref_sys</c>. The three rows the GeoPackage standard requires (-1, 0, 4326) and the
/// CGCS2000 systems used by land-survey data (docs/domain.md §4), with the WKT 1 text exactly as GDAL writes it
/// (copied from the EPSG:4522 row of a GDAL 3.6 GeoPackage; the other zones differ only in the parameters).
/// </summary>
internal static class GeoPackageWriterSrs
{
    public sealed record Row(int SrsId, string Name, string Organization, int OrganizationCoordsysId, string Definition, string? Description);

    public static readonly Row UndefinedCartesian = new(-1, "Undefined Cartesian SRS", "NONE", -1, "undefined",
        "undefined Cartesian coordinate reference system");

    public static readonly Row UndefinedGeographic = new(0, "Undefined geographic SRS", "NONE", 0, "undefined",
        "undefined geographic coordinate reference system");

    public static readonly Row Wgs84 = new(4326, "WGS 84 geodetic", "EPSG", 4326,
        """GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]""",
        "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid");

    private const string CgcsGeogCs =
        """GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]]""";

    /// <summary>The row for <paramref name="srsId"/>; throws <see cref="ArgumentException"/> for a system we cannot describe.</summary>
    public static Row For(int srsId)
    {
        switch (srsId)
        {
            case -1:
                return UndefinedCartesian;
            case 0:
                return UndefinedGeographic;
            case 4326:
                return Wgs84;
            case 4490:
                return new Row(4490, "China Geodetic Coordinate System 2000", "EPSG", 4490,
                    CgcsGeogCs + """,AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]""", null);
        }
        // EPSG ranges per docs/domain.md §4.2: 6° zones 13..23 with prefix 4491..4501, without 4502..4512;
        // 3° zones 25..45 with prefix 4513..4533, without 4534..4554.
        if (srsId is >= 4491 and <= 4501)
        {
            var zone = 13 + (srsId - 4491);
            return Gk(srsId, $"CGCS2000 / Gauss-Kruger zone {zone}", 6 * zone - 3, zone * 1_000_000 + 500_000);
        }
        if (srsId is >= 4502 and <= 4512)
        {
            var cm = 6 * (13 + (srsId - 4502)) - 3;
            return Gk(srsId, $"CGCS2000 / Gauss-Kruger CM {cm}E", cm, 500_000);
        }
        if (srsId is >= 4513 and <= 4533)
        {
            var zone = 25 + (srsId - 4513);
            return Gk(srsId, $"CGCS2000 / 3-degree Gauss-Kruger zone {zone}", 3 * zone, zone * 1_000_000 + 500_000);
        }
        if (srsId is >= 4534 and <= 4554)
        {
            var cm = 3 * (25 + (srsId - 4534));
            return Gk(srsId, $"CGCS2000 / 3-degree Gauss-Kruger CM {cm}E", cm, 500_000);
        }
        throw new ArgumentException(
            $"srs_id {srsId} is not supported: use -1, 0, 4326, 4490 or a CGCS2000 Gauss-Kruger EPSG code (4491-4554)",
            nameof(srsId));
    }

    private static Row Gk(int epsg, string name, int centralMeridian, long falseEasting)
    {
        var definition = string.Create(CultureInfo.InvariantCulture,
            $"""PROJCS["{name}",{CgcsGeogCs},AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",{centralMeridian}],PARAMETER["scale_factor",1],PARAMETER["false_easting",{falseEasting}],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","{epsg}"]]""");
        return new Row(epsg, name, "EPSG", epsg, definition, null);
    }
}
