using Gengbao.Geo.Crs;

namespace Gengbao.Geo.Tests.Crs;

public class CgcsCrsTest
{
    // EPSG code, width, zone, CM, prefix — rows checked against /usr/share/proj/proj.db (PROJ 9.1.1).
    [Theory]
    [InlineData(4491, 6, 13, 75, true)]
    [InlineData(4498, 6, 20, 117, true)]
    [InlineData(4501, 6, 23, 135, true)]
    [InlineData(4502, 6, 13, 75, false)]
    [InlineData(4509, 6, 20, 117, false)]
    [InlineData(4512, 6, 23, 135, false)]
    [InlineData(4513, 3, 25, 75, true)]
    [InlineData(4522, 3, 34, 102, true)]
    [InlineData(4527, 3, 39, 117, true)]
    [InlineData(4533, 3, 45, 135, true)]
    [InlineData(4534, 3, 25, 75, false)]
    [InlineData(4543, 3, 34, 102, false)]
    [InlineData(4548, 3, 39, 117, false)]
    [InlineData(4554, 3, 45, 135, false)]
    public void ZoneTableMatchesEpsg(int epsg, int width, int zone, double cm, bool prefix)
    {
        Assert.True(CgcsCrs.TryGetZone(epsg, out var z));
        Assert.Equal(new GaussKrugerZone(epsg, width, zone, cm, prefix), z);
    }

    [Fact]
    public void AllSixtyFourZonesAreDistinctAndOrdered()
    {
        Assert.Equal(64, CgcsCrs.Zones.Count);
        Assert.Equal(Enumerable.Range(4491, 64), CgcsCrs.Zones.Select(z => z.Epsg));
    }

    [Theory]
    [InlineData(4522, 34_500_000.0, "CGCS2000 / 3-degree Gauss-Kruger zone 34")]
    [InlineData(4543, 500_000.0, "CGCS2000 / 3-degree Gauss-Kruger CM 102E")]
    [InlineData(4498, 20_500_000.0, "CGCS2000 / Gauss-Kruger zone 20")]
    [InlineData(4509, 500_000.0, "CGCS2000 / Gauss-Kruger CM 117E")]
    public void FalseEastingAndEpsgName(int epsg, double falseEasting, string name)
    {
        var zone = CgcsCrs.GetZone(epsg);
        Assert.Equal(falseEasting, zone.FalseEasting);
        Assert.Equal(name, zone.Name);
    }

    [Theory]
    [InlineData(4489, false)]
    [InlineData(4490, true)]
    [InlineData(4491, true)]
    [InlineData(4554, true)]
    [InlineData(4555, false)]
    [InlineData(4326, false)]
    public void SupportedCodes(int epsg, bool supported) => Assert.Equal(supported, CgcsCrs.IsSupported(epsg));

    [Theory]
    [InlineData(103.2, true, 4522)]
    [InlineData(103.2, false, 4543)]
    [InlineData(100.5, true, 4522)]   // the western boundary belongs to the zone
    [InlineData(103.5, true, 4523)]   // the eastern boundary belongs to the next zone
    [InlineData(73.5, false, 4534)]
    [InlineData(136.49, true, 4533)]
    public void ThreeDegreeZoneOfLongitude(double lon, bool prefix, int epsg) =>
        Assert.Equal(epsg, CgcsCrs.ThreeDegreeZoneFor(lon, prefix).Epsg);

    [Theory]
    [InlineData(103.2, true, 4496)]   // zone 18, CM 105
    [InlineData(117.0, false, 4509)]  // zone 20, CM 117
    [InlineData(114.0, true, 4498)]   // 114° starts zone 20
    [InlineData(72.0, true, 4491)]
    public void SixDegreeZoneOfLongitude(double lon, bool prefix, int epsg) =>
        Assert.Equal(epsg, CgcsCrs.SixDegreeZoneFor(lon, prefix).Epsg);

    [Theory]
    [InlineData(73.4)]
    [InlineData(136.5)]
    [InlineData(double.NaN)]
    public void ThreeDegreeZoneOutsideChinaThrows(double lon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CgcsCrs.ThreeDegreeZoneFor(lon, true));

    [Theory]
    [InlineData(34_608_123.4, 4522)]
    [InlineData(39_512_345.67, 4527)]
    [InlineData(20_400_000.0, 4498)]
    public void ZoneFromPrefixedEasting(double easting, int epsg)
    {
        Assert.True(CgcsCrs.TryGetZoneFromPrefixedEasting(easting, out var zone));
        Assert.Equal(epsg, zone.Epsg);
    }

    [Theory]
    [InlineData(512_345.67)]   // no prefix: the zone cannot be known
    [InlineData(24_500_000.0)] // zone 24 is neither a 3- nor a 6-degree zone of China
    [InlineData(46_500_000.0)]
    public void NoZoneFromEastingWithoutKnownPrefix(double easting) =>
        Assert.False(CgcsCrs.TryGetZoneFromPrefixedEasting(easting, out _));

    [Fact]
    public void EllipsoidConstantsOfCgcs2000()
    {
        var e = Ellipsoid.Cgcs2000;
        GeoTestCase.CheckEqual(6_356_752.314140356, e.SemiMinorAxis, 1e-6, "b");
        GeoTestCase.CheckEqual(0.00669438002290, e.EccentricitySquared, 1e-14, "e²");
        GeoTestCase.CheckEqual(0.00673949677548, e.SecondEccentricitySquared, 1e-14, "e'²");
        GeoTestCase.CheckEqual(1 / 298.257222101, e.Flattening, 1e-18, "f");
    }
}
