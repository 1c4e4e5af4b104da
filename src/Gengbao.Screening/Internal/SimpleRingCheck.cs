using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Gengbao.Screening.Internal;

/// <summary>
/// A fast, allocation-free proof of validity for the commonest parcel shape: one polygon with one ring and no holes.
/// Such a polygon is valid when its ring has at least four finite points, is closed, has no zero-length edge, no two
/// consecutive edges fold back on each other, and no two other edges share a point (exact orientation predicates).
/// Anything this test does not prove valid goes to NTS's IsValidOp, which also words the error.
/// </summary>
internal static class SimpleRingCheck
{
    public static bool IsValidSingleRing(Geometry geometry)
    {
        var polygon = geometry switch
        {
            Polygon p => p,
            MultiPolygon { NumGeometries: 1 } m => (Polygon)m.GetGeometryN(0),
            _ => null,
        };
        if (polygon is null || polygon.IsEmpty || polygon.NumInteriorRings > 0)
        {
            return false;
        }
        var ring = polygon.Shell.CoordinateSequence;
        var n = ring.Count - 1; // edges
        if (n < 3 || ring.GetX(0) != ring.GetX(n) || ring.GetY(0) != ring.GetY(n))
        {
            return false;
        }
        for (var i = 0; i < n; i++)
        {
            double x = ring.GetX(i), y = ring.GetY(i), nx = ring.GetX(i + 1), ny = ring.GetY(i + 1);
            if (!double.IsFinite(x) || !double.IsFinite(y) || (x == nx && y == ny))
            {
                return false;
            }
        }
        for (var i = 0; i < n; i++)
        {
            // Consecutive edges i and i+1 (cyclically) share one vertex; collinear and pointing back is a fold.
            var j = (i + 1) % n;
            double ax = ring.GetX(i), ay = ring.GetY(i), bx = ring.GetX(i + 1), by = ring.GetY(i + 1), cx = ring.GetX(j + 1), cy = ring.GetY(j + 1);
            if (CGAlgorithmsDD.OrientationIndex(ax, ay, bx, by, cx, cy) == 0 && ((bx - ax) * (cx - bx)) + ((by - ay) * (cy - by)) < 0)
            {
                return false;
            }
            for (var k = i + 2; k < n; k++)
            {
                if (i == 0 && k == n - 1)
                {
                    continue; // the last edge is adjacent to the first
                }
                if (Meet(ring, i, k))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static bool Meet(CoordinateSequence ring, int i, int k)
    {
        double p1x = ring.GetX(i), p1y = ring.GetY(i), p2x = ring.GetX(i + 1), p2y = ring.GetY(i + 1);
        double q1x = ring.GetX(k), q1y = ring.GetY(k), q2x = ring.GetX(k + 1), q2y = ring.GetY(k + 1);
        if (Math.Max(p1x, p2x) < Math.Min(q1x, q2x) || Math.Max(q1x, q2x) < Math.Min(p1x, p2x)
            || Math.Max(p1y, p2y) < Math.Min(q1y, q2y) || Math.Max(q1y, q2y) < Math.Min(p1y, p2y))
        {
            return false;
        }
        var o1 = CGAlgorithmsDD.OrientationIndex(p1x, p1y, p2x, p2y, q1x, q1y);
        var o2 = CGAlgorithmsDD.OrientationIndex(p1x, p1y, p2x, p2y, q2x, q2y);
        if (o1 * o2 > 0)
        {
            return false;
        }
        var o3 = CGAlgorithmsDD.OrientationIndex(q1x, q1y, q2x, q2y, p1x, p1y);
        var o4 = CGAlgorithmsDD.OrientationIndex(q1x, q1y, q2x, q2y, p2x, p2y);
        return o3 * o4 <= 0;
    }
}
