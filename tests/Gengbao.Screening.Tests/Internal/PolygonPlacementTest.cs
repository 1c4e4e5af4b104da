using Gengbao.Screening.Internal;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.RelateNG;

namespace Gengbao.Screening.Tests.Internal;

/// <summary>The cheap placement test never contradicts RelateNG, including on touching and collinear edges.</summary>
public sealed class PolygonPlacementTest
{
    private static readonly WKTReader Reader = new();

    [Theory]
    [InlineData("POLYGON((0 0,10 0,10 10,0 10,0 0))", "POLYGON((2 2,4 2,4 4,2 4,2 2))", "Contains")]
    [InlineData("POLYGON((2 2,4 2,4 4,2 4,2 2))", "POLYGON((0 0,10 0,10 10,0 10,0 0))", "Inside")]
    [InlineData("POLYGON((0 0,1 0,1 1,0 1,0 0))", "POLYGON((2 2,4 2,4 4,2 4,2 2))", "Disjoint")]
    [InlineData("POLYGON((0 0,2 0,2 2,0 2,0 0))", "POLYGON((2 0,4 0,4 2,2 2,2 0))", "BoundariesMeet")]
    [InlineData("POLYGON((0 0,3 0,3 3,0 3,0 0))", "POLYGON((1 1,4 1,4 4,1 4,1 1))", "BoundariesMeet")]
    [InlineData("POLYGON((4 4,6 4,6 6,4 6,4 4))", "POLYGON((0 0,10 0,10 10,0 10,0 0),(3 3,7 3,7 7,3 7,3 3))", "Disjoint")]
    [InlineData("POLYGON((2 2,8 2,8 8,2 8,2 2))", "POLYGON((0 0,10 0,10 10,0 10,0 0),(3 3,7 3,7 7,3 7,3 3))", "Unknown")]
    public void KnownArrangements(string a, string b, string expected) =>
        Assert.Equal(Enum.Parse<Placement>(expected), PolygonPlacement.Of(Reader.Read(a), Reader.Read(b)));

    [Fact]
    public void AgreesWithRelateNGOnRandomGridPolygons()
    {
        // Small integer grids force shared vertices, collinear edges and touching boundaries.
        var random = new Random(20241123);
        var factory = new GeometryFactory();
        Geometry Next()
        {
            while (true)
            {
                var n = random.Next(3, 7);
                var cx = random.Next(0, 8);
                var cy = random.Next(0, 8);
                var points = Enumerable.Range(0, n)
                    .Select(k => (Angle: 2 * Math.PI * k / n, R: random.Next(1, 5)))
                    .Select(p => new Coordinate(cx + Math.Round(p.R * Math.Cos(p.Angle)), cy + Math.Round(p.R * Math.Sin(p.Angle))))
                    .ToList();
                points.Add(points[0]);
                var polygon = factory.CreatePolygon(points.ToArray());
                if (polygon.IsValid && polygon.Area > 0)
                {
                    return random.Next(4) == 0 ? factory.CreateMultiPolygon([polygon]) : polygon;
                }
            }
        }
        var decided = 0;
        for (var i = 0; i < 4000; i++)
        {
            var a = Next();
            var b = Next();
            var placement = PolygonPlacement.Of(a, b);
            var im = RelateNG.Relate(a, b);
            var context = $"{a} / {b}: {placement}, {im}";
            switch (placement)
            {
                case Placement.Disjoint:
                    Assert.True(im.IsDisjoint(), context);
                    break;
                case Placement.Inside:
                    Assert.True(im.IsCoveredBy() && !a.Boundary.Intersects(b.Boundary), context);
                    break;
                case Placement.Contains:
                    Assert.True(im.IsCovers() && !a.Boundary.Intersects(b.Boundary), context);
                    break;
                case Placement.BoundariesMeet:
                    Assert.True(a.Boundary.Intersects(b.Boundary), context);
                    break;
            }
            decided += placement == Placement.Unknown ? 0 : 1;
        }
        Assert.True(decided > 3900, $"only {decided} of 4000 decided");
    }
}
