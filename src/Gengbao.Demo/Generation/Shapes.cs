using Gengbao.Demo.Partition;
using NetTopologySuite.Geometries;

namespace Gengbao.Demo.Generation;

/// <summary>Small random shapes: change patches and approvals.</summary>
internal static class Shapes
{
    /// <summary>
    /// A star-shaped 7–10 vertex polygon around <paramref name="centre"/> with area <paramref name="area"/> m², stretched up to
    /// 2.2:1 in a random direction: the look of a building plot, a yard or a greenhouse block.
    /// </summary>
    public static Polygon Blob(Coordinate centre, double area, DemoRandom random)
    {
        var count = random.Between(7, 10);
        var angles = new double[count];
        for (var i = 0; i < count; i++)
        {
            angles[i] = (i + random.Range(-0.3, 0.3)) * 2 * Math.PI / count;
        }
        var stretch = random.Range(1.0, 2.2);
        var rotation = random.Range(0, Math.PI);
        var points = new Coordinate[count];
        for (var i = 0; i < count; i++)
        {
            var r = random.Range(0.75, 1.25);
            var u = r * Math.Cos(angles[i]) * stretch;
            var v = r * Math.Sin(angles[i]);
            points[i] = new Coordinate(
                (u * Math.Cos(rotation)) - (v * Math.Sin(rotation)),
                (u * Math.Sin(rotation)) + (v * Math.Cos(rotation)));
        }
        var unitArea = Math.Abs(ShoelaceArea(points));
        var scale = Math.Sqrt(area / unitArea);
        for (var i = 0; i < count; i++)
        {
            points[i] = new Coordinate(centre.X + (points[i].X * scale), centre.Y + (points[i].Y * scale));
        }
        return Geom.Ring(points);
    }

    /// <summary>Translates a geometry (to make an approval that covers a change patch only in part).</summary>
    public static Geometry Shift(Geometry geometry, double dx, double dy)
    {
        var copy = geometry.Copy();
        copy.Apply(new ShiftFilter(dx, dy));
        copy.GeometryChanged();
        return copy;
    }

    private static double ShoelaceArea(Coordinate[] points)
    {
        var sum = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            var a = points[i];
            var b = points[(i + 1) % points.Length];
            sum += (a.X * b.Y) - (b.X * a.Y);
        }
        return sum / 2;
    }

    private sealed class ShiftFilter(double dx, double dy) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, Geom.Precision.MakePrecise(seq.GetX(i) + dx));
                seq.SetY(i, Geom.Precision.MakePrecise(seq.GetY(i) + dy));
            }
        }
    }
}
