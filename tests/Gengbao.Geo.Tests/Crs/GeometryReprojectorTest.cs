using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Tests.Crs;

public class GeometryReprojectorTest
{
    private static readonly GaussKrugerZone Zone34 = CgcsCrs.GetZone(4522);

    [Fact]
    public void PolygonToGeographicAndBack()
    {
        var zone = GeoTestCase.Read("POLYGON ((34600327.83851183 3952502.9998742323, 34600336.68197617 3952492.823535324, 34600173.20318875 3952332.079297603, 34600048.69985233 3952293.915807634, 34600034.784562014 3952605.428618092, 34600327.83851183 3952502.9998742323))");
        var geographic = GeometryReprojector.ToGeographic(zone, Zone34);
        Assert.Equal(CgcsCrs.Geographic, geographic.SRID);
        Assert.InRange(geographic.Coordinates[0].X, 103.0, 103.4);
        Assert.InRange(geographic.Coordinates[0].Y, 35.4, 35.8);

        var back = GeometryReprojector.ToZone(geographic, Zone34);
        Assert.Equal(4522, back.SRID);
        for (var i = 0; i < zone.NumPoints; i++)
        {
            GeoTestCase.CheckEqual(zone.Coordinates[i].X, back.Coordinates[i].X, 2e-8, "x");
            GeoTestCase.CheckEqual(zone.Coordinates[i].Y, back.Coordinates[i].Y, 2e-8, "y");
        }
    }

    [Fact]
    public void InputIsNotModifiedAndZIsKept()
    {
        var point = (Point)GeoTestCase.Read("POINT Z (34500000 3874592.901589179 1850)");
        var geographic = (Point)GeometryReprojector.ToGeographic(point, Zone34);
        Assert.Equal(34_500_000.0, point.X);
        Assert.Equal(102.0, geographic.X, 12);
        Assert.Equal(35.0, geographic.Y, 12);
        Assert.Equal(1850.0, geographic.Coordinate.Z);
    }

    [Fact]
    public void EmptyStaysEmpty() =>
        Assert.True(GeometryReprojector.ToGeographic(GeoTestCase.Read("MULTIPOLYGON EMPTY"), Zone34).IsEmpty);
}
