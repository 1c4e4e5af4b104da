using System.Runtime.CompilerServices;
using NetTopologySuite.Geometries;

namespace Gengbao.Demo.Partition;

/// <summary>
/// Area of the overlap of a polygon with a convex polygon by Sutherland–Hodgman clipping. For an area this is exact
/// even when the overlap has several pieces: the zero-width bridges the clipping leaves between them add nothing.
/// Used to find which patches a change patch covers and how much, without an overlay per candidate.
/// </summary>
internal static class ConvexArea
{
    /// <summary>Whether the polygon has no holes and its ring turns one way (collinear vertices allowed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsConvex(Geometry geometry)
    {
        if (geometry is not Polygon { NumInteriorRings: 0 } polygon)
        {
            return false;
        }
        var ring = polygon.ExteriorRing.CoordinateSequence;
        var n = ring.Count - 1;
        int sign = 0;
        for (var i = 0; i < n; i++)
        {
            var a = ring.GetCoordinate(i);
            var b = ring.GetCoordinate((i + 1) % n);
            var c = ring.GetCoordinate((i + 2) % n);
            var cross = ((b.X - a.X) * (c.Y - b.Y)) - ((b.Y - a.Y) * (c.X - b.X));
            // A turn of less than about a millimetre over the edge is rounding, not a dent.
            var scale = Math.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)))
                * Math.Sqrt(((c.X - b.X) * (c.X - b.X)) + ((c.Y - b.Y) * (c.Y - b.Y)));
            if (Math.Abs(cross) <= 1e-6 * scale)
            {
                continue;
            }
            var s = Math.Sign(cross);
            if (sign != 0 && s != sign)
            {
                return false;
            }
            sign = s;
        }
        return true;
    }

    /// <summary>Area of <paramref name="subject"/> ∩ <paramref name="convex"/>, m²; <paramref name="convex"/> must pass <see cref="IsConvex"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Overlap(Polygon convex, Geometry subject)
    {
        var window = convex.ExteriorRing.CoordinateSequence;
        var counterClockwise = NetTopologySuite.Algorithm.Orientation.IsCCW(window);
        var total = 0.0;
        for (var p = 0; p < subject.NumGeometries; p++)
        {
            var polygon = (Polygon)subject.GetGeometryN(p);
            total += Clipped(window, counterClockwise, polygon.ExteriorRing.CoordinateSequence);
            for (var h = 0; h < polygon.NumInteriorRings; h++)
            {
                total -= Clipped(window, counterClockwise, polygon.GetInteriorRingN(h).CoordinateSequence);
            }
        }
        return total;
    }

    private static double Clipped(CoordinateSequence window, bool counterClockwise, CoordinateSequence ring)
    {
        var xs = new List<double>(ring.Count);
        var ys = new List<double>(ring.Count);
        for (var i = 0; i < ring.Count - 1; i++)
        {
            xs.Add(ring.GetX(i));
            ys.Add(ring.GetY(i));
        }
        var n = window.Count - 1;
        for (var e = 0; e < n && xs.Count > 0; e++)
        {
            var (ax, ay) = (window.GetX(e), window.GetY(e));
            var (bx, by) = (window.GetX(e + 1), window.GetY(e + 1));
            if (!counterClockwise)
            {
                (ax, ay, bx, by) = (bx, by, ax, ay);
            }
            var nx = -(by - ay);
            var ny = bx - ax;
            var ox = new List<double>(xs.Count + 2);
            var oy = new List<double>(xs.Count + 2);
            var count = xs.Count;
            var dp = (nx * (xs[0] - ax)) + (ny * (ys[0] - ay));
            for (var i = 0; i < count; i++)
            {
                var j = i + 1 == count ? 0 : i + 1;
                var dq = (nx * (xs[j] - ax)) + (ny * (ys[j] - ay));
                if (dp >= 0)
                {
                    ox.Add(xs[i]);
                    oy.Add(ys[i]);
                }
                if ((dp >= 0) != (dq >= 0))
                {
                    var t = dp / (dp - dq);
                    ox.Add(xs[i] + (t * (xs[j] - xs[i])));
                    oy.Add(ys[i] + (t * (ys[j] - ys[i])));
                }
                dp = dq;
            }
            xs = ox;
            ys = oy;
        }
        var area = 0.0;
        for (var i = 0; i < xs.Count; i++)
        {
            var j = i + 1 == xs.Count ? 0 : i + 1;
            // Shoelace relative to the first vertex keeps the products small at 8-digit eastings.
            area += ((xs[i] - xs[0]) * (ys[j] - ys[0])) - ((xs[j] - xs[0]) * (ys[i] - ys[0]));
        }
        return Math.Abs(area) / 2;
    }
}
