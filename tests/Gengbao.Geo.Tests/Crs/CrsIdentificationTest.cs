using Gengbao.Geo.Crs;

namespace Gengbao.Geo.Tests.Crs;

public class CrsIdentificationTest
{
    [Fact]
    public void GeoPackageWkt1OfSampleCountyIsZone34() => CheckSupported(null, CrsWkt.SampleGpkg4522, 4522);

    [Fact]
    public void GeoPackageWkt1WithoutAuthorityIsZone34ByContent() =>
        CheckSupported(null, WithoutAuthorities(CrsWkt.SampleGpkg4522), 4522);

    [Fact]
    public void Wkt2ProjcrsIsZone34() => CheckSupported(null, CrsWkt.Wkt2Zone34, 4522);

    [Fact]
    public void Wkt2WithoutIdsIsZone34ByContent() => CheckSupported(null, WithoutIds(CrsWkt.Wkt2Zone34), 4522);

    [Fact]
    public void EsriPrjWithPrefixIsZone34() => CheckSupported(null, CrsWkt.EsriZone34, 4522);

    [Fact]
    public void EsriPrjWithoutPrefixIsCm102() => CheckSupported(null, CrsWkt.EsriCm102, 4543);

    [Fact]
    public void EsriSixDegreeZoneWithPrefix() => CheckSupported(null, CrsWkt.EsriSixDegreeZone20, 4498);

    [Fact]
    public void EsriSixDegreeMeridianWithoutPrefixKeepsItsWidth() => CheckSupported(null, CrsWkt.EsriSixDegreeCm117, 4509);

    [Fact]
    public void EsriGeographicIs4490() => CheckSupported(null, CrsWkt.EsriGeographic, 4490);

    [Fact]
    public void Wkt2GeographicWithoutIdIs4490() => CheckSupported(null, CrsWkt.Wkt2GeographicWithoutId, 4490);

    [Fact]
    public void EpsgCodeAloneIsEnough() => CheckSupported(4522, null, 4522);

    [Fact]
    public void EpsgCodeWithMatchingDefinition() => CheckSupported(4522, CrsWkt.SampleGpkg4522, 4522);

    [Fact]
    public void SixDegreeCodeWithSameProjectionInThreeDegreeSpellingKeepsTheCode() =>
        CheckSupported(4509, CrsWkt.EsriSixDegreeCm117.Replace("CGCS2000_GK_CM_117E", "CGCS2000_3_Degree_GK_CM_117E", StringComparison.Ordinal), 4509);

    [Fact]
    public void UndefinedGeoPackageSrsWithCodeUsesTheCode() => CheckSupported(4490, "undefined", 4490);

    [Fact]
    public void NothingDeclared() => CheckRejected(null, null, "no coordinate reference system declared");

    [Fact]
    public void GeoPackageUndefinedSrsIdIsNothingDeclared() => CheckRejected(0, "undefined", "no coordinate reference system declared");

    [Fact]
    public void Xian1980ByEpsgCode() => CheckRejected(2383, null, "Xian 1980 / 3-degree Gauss-Kruger CM 114E (EPSG:2383) is not CGCS2000");

    [Fact]
    public void Xian1980ByWkt1() => CheckRejected(null, CrsWkt.Xian1980Cm114, "Xian 1980 / 3-degree Gauss-Kruger CM 114E (EPSG:2383) is not CGCS2000");

    [Fact]
    public void Xian1980ByContent() => CheckRejected(null, WithoutAuthorities(CrsWkt.Xian1980Cm114), "Xian 1980 / 3-degree Gauss-Kruger CM 114E is not CGCS2000");

    [Fact]
    public void Xian1980EsriPrj() => CheckRejected(null, CrsWkt.EsriXian1980Cm114, "Xian_1980_3_Degree_GK_CM_114E is not CGCS2000");

    [Fact]
    public void Beijing1954EsriPrj() => CheckRejected(null, CrsWkt.EsriBeijing1954Zone34, "Beijing_1954_3_Degree_GK_Zone_34 is not CGCS2000");

    [Fact]
    public void Xian1980ZoneByCode() => CheckRejected(2358, null, "Xian 1980 / 3-degree Gauss-Kruger zone 34 (EPSG:2358) is not CGCS2000");

    [Fact]
    public void Wgs84ByCode() => CheckRejected(4326, null, "WGS 84 (EPSG:4326) is not CGCS2000");

    [Fact]
    public void Wgs84ByWkt1() => CheckRejected(null, CrsWkt.Wgs84, "WGS 84 (EPSG:4326) is not CGCS2000");

    [Fact]
    public void Wgs84EnsembleByContent() => CheckRejected(null, CrsWkt.Wkt2Wgs84WithoutId, "WGS 84 is not CGCS2000");

    [Fact]
    public void Utm48NByCode() => CheckRejected(32648, null, "WGS 84 / UTM zone 48N (EPSG:32648) is not CGCS2000");

    [Fact]
    public void Utm48NByWkt1() => CheckRejected(null, CrsWkt.Utm48N, "WGS 84 / UTM zone 48N (EPSG:32648) is not CGCS2000");

    [Fact]
    public void Utm48NEsriPrj() => CheckRejected(null, CrsWkt.EsriUtm48N, "WGS_1984_UTM_Zone_48N is not CGCS2000");

    [Fact]
    public void Cgcs2000WithUtmScaleIsNotAGaussKrugerZone() =>
        CheckRejected(null, CrsWkt.Cgcs2000Utm48N, "CGCS2000 / UTM zone 48N has scale factor 0.9996; CGCS2000 Gauss-Kruger zones use 1");

    [Fact]
    public void FalseEastingThatDoesNotFitTheMeridian() =>
        CheckRejected(null, CrsWkt.EsriZone34.Replace("34500000.0", "35500000.0", StringComparison.Ordinal), "false easting 35500000, which does not fit central meridian 102E");

    [Fact]
    public void CentralMeridianBetweenZones() =>
        CheckRejected(null, CrsWkt.EsriCm102.Replace("102.0", "103.5", StringComparison.Ordinal), "central meridian 103.5, not a CGCS2000 3- or 6-degree zone meridian");

    [Fact]
    public void CodeContradictingDefinition() =>
        CheckRejected(4522, CrsWkt.EsriCm102, "EPSG:4522 (CGCS2000 / 3-degree Gauss-Kruger zone 34) contradicts its definition (CGCS2000 / 3-degree Gauss-Kruger CM 102E)");

    [Fact]
    public void UnreadableDefinitionWithoutCode() => CheckRejected(null, "PROJCS[\"broken\"", "could not be read");

    [Fact]
    public void UnknownEpsgCode() => CheckRejected(3857 + 1, null, "EPSG:3858 is not a CGCS2000 geographic or Gauss-Kruger coordinate reference system");

    [Fact]
    public void GeographicCgcs2000In3DIsRejected() =>
        CheckRejected(4480, null, "China Geodetic Coordinate System 2000 (3D) (EPSG:4480) is not 2D CGCS2000");

    private static void CheckSupported(int? epsg, string? definition, int expectedEpsg)
    {
        var result = CgcsCrs.Identify(epsg, definition);
        Assert.True(result.IsSupported, result.Description);
        Assert.Equal(expectedEpsg, result.Epsg);
        if (expectedEpsg == CgcsCrs.Geographic)
        {
            Assert.Null(result.Zone);
            Assert.True(result.IsGeographic);
        }
        else
        {
            Assert.Equal(CgcsCrs.GetZone(expectedEpsg), result.Zone);
            Assert.Equal(result.Zone!.Name, result.Description);
        }
    }

    private static void CheckRejected(int? epsg, string? definition, string expectedDescription)
    {
        var result = CgcsCrs.Identify(epsg, definition);
        Assert.False(result.IsSupported, $"accepted as {result.Description}");
        Assert.Null(result.Epsg);
        Assert.Null(result.Zone);
        Assert.Contains(expectedDescription, result.Description, StringComparison.Ordinal);
    }

    private static string WithoutAuthorities(string wkt) =>
        System.Text.RegularExpressions.Regex.Replace(wkt, @",AUTHORITY\[""EPSG"",""\d+""\]", string.Empty);

    private static string WithoutIds(string wkt) =>
        System.Text.RegularExpressions.Regex.Replace(wkt, @",\s*ID\[""EPSG"",\d+\]", string.Empty);
}
