using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Tests.Area;

public class GeodesicAreaTest
{
    private static readonly GaussKrugerZone Zone34 = CgcsCrs.GetZone(4522);

    [Theory]
    [InlineData(TestParcels.SampleFid1, 54150.94)]
    [InlineData(TestParcels.SampleFid5, 74725.52)]
    public void ReproducesTbmjOfSampleCounty(string wkt, double tbmj)
    {
        // sample_S.gpkg's TBMJ is PostGIS ST_Area(ST_Transform(geom, 4490)::geography) rounded (docs/area.md).
        var geographic = GeometryReprojector.ToGeographic(GeoTestCase.Read(wkt), Zone34);
        Assert.Equal(tbmj, EllipsoidalArea.Round(GeodesicArea.OfGeographic(geographic)));
        Assert.NotEqual(tbmj, EllipsoidalArea.Round(EllipsoidalArea.OfGaussKruger(GeoTestCase.Read(wkt), Zone34)));
    }

    [Fact]
    public void OrientationDoesNotMatter()
    {
        var polygon = (Polygon)GeometryReprojector.ToGeographic(GeoTestCase.Read(TestParcels.SampleFid5), Zone34);
        Assert.Equal(GeodesicArea.OfGeographic(polygon), GeodesicArea.OfGeographic(polygon.Reverse()), 9);
    }

    [Fact]
    public void HoleIsSubtracted()
    {
        var withHole = GeoTestCase.Read("POLYGON ((103 35, 103.01 35, 103.01 35.01, 103 35.01, 103 35), (103.002 35.002, 103.002 35.004, 103.004 35.004, 103.004 35.002, 103.002 35.002))");
        var outer = GeoTestCase.Read("POLYGON ((103 35, 103.01 35, 103.01 35.01, 103 35.01, 103 35))");
        var hole = GeoTestCase.Read("POLYGON ((103.002 35.002, 103.004 35.002, 103.004 35.004, 103.002 35.004, 103.002 35.002))");
        GeoTestCase.CheckEqual(GeodesicArea.OfGeographic(outer) - GeodesicArea.OfGeographic(hole), GeodesicArea.OfGeographic(withHole), 1e-6);
    }

    [Fact]
    public void EmptyIsZeroAndLinesThrow()
    {
        Assert.Equal(0, GeodesicArea.OfGeographic(GeoTestCase.Read("MULTIPOLYGON EMPTY")));
        Assert.Throws<ArgumentException>(() => GeodesicArea.OfGeographic(GeoTestCase.Read("LINESTRING (103 35, 104 35)")));
    }

    [Fact]
    public void NearlyCoincidentAndMeridionalEdgesAreHandled()
    {
        // A sliver with a 1 mm edge and exactly north–south edges exercises the short-line and meridian branches.
        var sliver = GeoTestCase.Read("POLYGON ((103 35, 103.00000001 35, 103.00000001 35.01, 103 35.01, 103 35))");
        var expected = EllipsoidalArea.OfGeographic(sliver); // graticule box: the trapezoid is exact up to the lens
        GeoTestCase.CheckEqual(expected, GeodesicArea.OfGeographic(sliver), 1e-6);
    }
}
