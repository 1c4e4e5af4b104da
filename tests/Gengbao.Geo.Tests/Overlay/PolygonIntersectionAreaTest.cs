using Gengbao.Geo.Overlay;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using static Gengbao.Geo.Tests.GeoTestCase;

namespace Gengbao.Geo.Tests.Overlay;

/// <summary>
/// Intersection area and moments without an overlay, against the area and centroid of OverlayNG's intersection: known
/// shapes (holes, multipolygons, shared edges, touching at a point) and thousands of random pairs, in general
/// position and on small integer grids full of shared vertices and collinear edges.
/// </summary>
public sealed class PolygonIntersectionAreaTest
{
    private const double Nudge = 1.5432e-7; // |(NudgeX, NudgeY)|, rounded up

    [Theory]
    [InlineData("POLYGON((0 0,10 0,10 10,0 10,0 0))", "POLYGON((5 5,15 5,15 15,5 15,5 5))", 25)]
    [InlineData("POLYGON((0 0,10 0,10 10,0 10,0 0))", "POLYGON((2 2,4 2,4 4,2 4,2 2))", 4)]
    [InlineData("POLYGON((2 2,4 2,4 4,2 4,2 2))", "POLYGON((0 0,10 0,10 10,0 10,0 0))", 4)]
    [InlineData("POLYGON((0 0,10 0,10 10,0 10,0 0),(3 3,7 3,7 7,3 7,3 3))", "POLYGON((-1 4.5,11 4.5,11 5.5,-1 5.5,-1 4.5))", 6)]
    [InlineData("MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((2 0,3 0,3 1,2 1,2 0)))", "POLYGON((0.5 -1,2.5 -1,2.5 2,0.5 2,0.5 -1))", 1)]
    [InlineData("POLYGON((0 0,1 0,1 1,0 1,0 0))", "POLYGON((3 3,4 3,4 4,3 4,3 3))", 0)]
    public void GeneralPositionMatchesTheKnownArea(string a, string b, double expected)
    {
        var op = new PolygonIntersectionArea(Read(a), 1.5, 0.5);
        Assert.True(op.TryIntersect(Read(b), out var result));
        CheckEqual(expected, result.Area, 1e-12, "area");
        CheckMoments(Read(a), Read(b), op, result);
    }

    [Theory]
    [InlineData("POLYGON((0 0,2 0,2 2,0 2,0 0))", "POLYGON((2 0,4 0,4 2,2 2,2 0))", 0)] // shared edge, outside
    [InlineData("POLYGON((0 0,2 0,2 2,0 2,0 0))", "POLYGON((2 2,4 2,4 4,2 4,2 2))", 0)] // one shared point
    [InlineData("POLYGON((0 0,4 0,4 4,0 4,0 0))", "POLYGON((0 0,2 0,2 2,0 2,0 0))", 4)] // inside, two shared edges
    [InlineData("POLYGON((0 0,4 0,4 4,0 4,0 0))", "POLYGON((1 0,3 0,3 6,1 6,1 0))", 8)] // collinear overlap
    [InlineData("POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,3 1,3 3,1 3,1 1))", "POLYGON((1 1,3 1,3 3,1 3,1 1))", 0)] // fills the hole
    [InlineData("POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,3 1,3 3,1 3,1 1))", "POLYGON((0 0,4 0,4 4,0 4,0 0))", 12)] // equal shells
    public void TouchingBoundariesAreRefusedThenMeasuredNudged(string a, string b, double expected)
    {
        var op = new PolygonIntersectionArea(Read(a), 0, 0);
        Assert.False(op.TryIntersect(Read(b), out _));
        Assert.True(op.TryIntersectNudged(Read(b), out var result));
        CheckEqual(expected, result.Area, Nudge * Read(b).Length, "area");
    }

    [Fact]
    public void RandomPairsInGeneralPositionMatchOverlayNG()
    {
        var random = new Random(20261206);
        var checkedPairs = 0;
        for (var k = 0; k < 3000; k++)
        {
            var a = RandomPolygonal(random, grid: false);
            var b = RandomPolygonal(random, grid: false);
            var op = new PolygonIntersectionArea(a, 3, 4);
            Assert.True(op.TryIntersect(b, out var result), $"{a} / {b}");
            var expected = OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection).Area;
            CheckEqual(expected, result.Area, 1e-9 * (1 + expected), $"{a} / {b}");
            CheckMoments(a, b, op, result);
            checkedPairs++;
        }
        Assert.Equal(3000, checkedPairs);
    }

    [Fact]
    public void RandomGridPairsAreExactOrRefusedAndWithinTheNudgeBoundWhenNudged()
    {
        // Integer grids force shared vertices, vertices on edges, collinear and coincident edges.
        var random = new Random(4);
        var refused = 0;
        for (var k = 0; k < 4000; k++)
        {
            var a = RandomPolygonal(random, grid: true);
            var b = RandomPolygonal(random, grid: true);
            var expected = OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection).Area;
            var op = new PolygonIntersectionArea(a, 4, 4);
            if (op.TryIntersect(b, out var exact))
            {
                CheckEqual(expected, exact.Area, 1e-9 * (1 + expected), $"{a} / {b}");
            }
            else
            {
                refused++;
            }
            Assert.True(op.TryIntersectNudged(b, out var nudged), $"{a} / {b}");
            CheckEqual(expected, nudged.Area, (Nudge * b.Length) + 1e-9, $"nudged {a} / {b}");
        }
        Assert.True(refused > 1000, $"only {refused} degenerate pairs: the grid test lost its point");
    }

    [Fact]
    public void GaussKrugerCoordinatesKeepFullPrecision()
    {
        // A patch-sized pair at real zone-34 coordinates: terms are taken about a nearby origin, not about (0, 0).
        var a = Read("POLYGON((34600000.125 3930000.5,34600090.25 3930010.75,34600080.5 3930095.125,34599995.75 3930080.25,34600000.125 3930000.5))");
        var b = Read("POLYGON((34600040.3 3929990.1,34600120.7 3930030.9,34600060.2 3930120.4,34600040.3 3929990.1))");
        var op = new PolygonIntersectionArea(a, 34600045, 3930050);
        Assert.True(op.TryIntersect(b, out var result));
        // OverlayNG at these coordinates rounds its crossing points to ~7e-9 m (one ulp); the reference is therefore
        // the same overlay moved (exactly) next to the origin.
        var shift = new NetTopologySuite.Geometries.Utilities.AffineTransformation().SetToTranslation(-34600045, -3930050);
        var expected = OverlayNGRobust.Overlay(shift.Transform(a), shift.Transform(b), SpatialFunction.Intersection).Area;
        CheckEqual(expected, result.Area, 1e-9, "area");
        CheckEqual(OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection).Area, result.Area, 1e-6, "area against the overlay in place");
    }

    private static void CheckMoments(Geometry a, Geometry b, PolygonIntersectionArea op, AreaMoments result)
    {
        var piece = OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection);
        if (piece.Area < 1e-9)
        {
            return;
        }
        // The op's origin is unknown here, but moments about two origins differ by area × shift: compare centroids
        // through the self moments of A, whose centroid NTS knows.
        var self = op.Self;
        var centroidA = a.Centroid.Coordinate;
        var originX = centroidA.X - (self.MomentX / self.Area);
        var originY = centroidA.Y - (self.MomentY / self.Area);
        var centroid = piece.Centroid.Coordinate;
        CheckEqual(centroid.X, originX + (result.MomentX / result.Area), 1e-7, "centroid x");
        CheckEqual(centroid.Y, originY + (result.MomentY / result.Area), 1e-7, "centroid y");
    }

    private static Geometry RandomPolygonal(Random random, bool grid)
    {
        var factory = new GeometryFactory();
        while (true)
        {
            var polygons = new List<Polygon>();
            var parts = random.Next(4) == 0 ? 2 : 1;
            for (var p = 0; p < parts; p++)
            {
                var cx = grid ? random.Next(0, 8) : random.NextDouble() * 8;
                var cy = grid ? random.Next(0, 8) : random.NextDouble() * 8;
                var shell = Ring(random, factory, cx, cy, grid ? 1 : 1.5, grid ? 5 : 4.5, grid);
                var holes = new List<LinearRing>();
                if (random.Next(3) == 0)
                {
                    holes.Add(Ring(random, factory, cx, cy, 0.3, grid ? 1 : 0.9, grid));
                }
                polygons.Add(factory.CreatePolygon(shell, holes.ToArray()));
            }
            Geometry geometry = parts == 1 && random.Next(2) == 0 ? polygons[0] : factory.CreateMultiPolygon(polygons.ToArray());
            if (geometry.IsValid && geometry.Area > 0)
            {
                return geometry;
            }
        }
    }

    private static LinearRing Ring(Random random, GeometryFactory factory, double cx, double cy, double minR, double maxR, bool grid)
    {
        var n = random.Next(3, 9);
        var points = new List<Coordinate>();
        for (var k = 0; k < n; k++)
        {
            var angle = 2 * Math.PI * (k + (grid ? 0 : random.NextDouble() * 0.8)) / n;
            var r = minR + (random.NextDouble() * (maxR - minR));
            var x = cx + (r * Math.Cos(angle));
            var y = cy + (r * Math.Sin(angle));
            points.Add(grid ? new Coordinate(Math.Round(x), Math.Round(y)) : new Coordinate(x, y));
        }
        points.Add(points[0].Copy());
        return factory.CreateLinearRing(points.ToArray());
    }
}
