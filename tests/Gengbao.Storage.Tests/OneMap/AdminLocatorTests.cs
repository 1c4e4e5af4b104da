using Gengbao.Storage.OneMap;
using NetTopologySuite.Geometries;

namespace Gengbao.Storage.Tests.OneMap;

/// <summary>Placing features without a location code: inside a unit, just outside (boundary slivers), far outside.</summary>
public sealed class AdminLocatorTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4490);

    private static Polygon Box(double x0, double y0, double x1, double y1) =>
        Factory.CreatePolygon([new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)]);

    private static AdminLocator TwoVillages()
    {
        var locator = new AdminLocator();
        locator.Add("622927000000", 3, Box(103.0, 35.0, 103.2, 35.1));
        locator.Add("622927209205", 5, Box(103.0, 35.0, 103.1, 35.1));
        locator.Add("622927209206", 5, Box(103.1, 35.0, 103.2, 35.1));
        return locator;
    }

    [Fact]
    public void A_point_inside_a_village_gets_that_village()
    {
        Assert.Equal("622927209206", TwoVillages().Locate(Factory.CreatePoint(new Coordinate(103.15, 35.05))));
    }

    [Fact]
    public void A_point_a_few_metres_outside_every_unit_gets_the_nearest_village()
    {
        // 0.00008° ≈ 7 m south of the prefecture edge, under the east village (the demo's PZYD 5439 case).
        Assert.Equal("622927209206", TwoVillages().Locate(Factory.CreatePoint(new Coordinate(103.15, 34.99992))));
        // In a sliver just between the two villages' boxes it goes to the nearer one (here equally near: lower code).
        Assert.Equal("622927209205", TwoVillages().Locate(Factory.CreatePoint(new Coordinate(103.1, 35.10003))));
    }

    [Fact]
    public void A_point_far_outside_every_unit_is_not_placed()
    {
        Assert.Null(TwoVillages().Locate(Factory.CreatePoint(new Coordinate(103.15, 34.99))));
        Assert.True(AdminLocator.NearTolerance < 0.001);
    }
}
