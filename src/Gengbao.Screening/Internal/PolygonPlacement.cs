using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Gengbao.Screening.Internal;

/// <summary>Where one polygonal geometry lies relative to another, as far as <see cref="PolygonPlacement"/> can tell cheaply.</summary>
internal enum Placement
{
    /// <summary>Not decided by the cheap test (an unusual multi-part arrangement): ask RelateNG.</summary>
    Unknown,

    /// <summary>The boundaries share at least one point: the overlap needs an overlay (it may still be empty).</summary>
    BoundariesMeet,

    /// <summary>No common point.</summary>
    Disjoint,

    /// <summary>The first lies in the interior of the second.</summary>
    Inside,

    /// <summary>The second lies in the interior of the first.</summary>
    Contains,
}

/// <summary>
/// An exact, allocation-free placement test for two valid polygonal geometries, for the common cases of the
/// screening: a patch deep inside a parcel, a parcel deep inside a patch, or the two apart. When no edge of one meets
/// an edge of the other (closed segments, exact orientation predicates), each ring lies wholly inside or outside the
/// other geometry, so one vertex per ring decides: a is inside b when every shell of a starts in b's interior and no
/// ring of b starts in a's interior (which would be a hole of b, or a part of b, within a). Anything else is
/// <see cref="Placement.Unknown"/>. RelateNG answers the same questions but allocates a few kilobytes per pair,
/// which on tens of thousands of pairs is most of the garbage collector's work.
/// </summary>
internal static class PolygonPlacement
{
    public static Placement Of(Geometry a, Geometry b)
    {
        if (BoundariesMeet(a, b))
        {
            return Placement.BoundariesMeet;
        }
        var aShellsInB = ShellStarts(a, b);
        var bRingsInA = RingStarts(b, a);
        if (aShellsInB == Location.Interior && bRingsInA == Location.Exterior)
        {
            return Placement.Inside;
        }
        var bShellsInA = ShellStarts(b, a);
        var aRingsInB = RingStarts(a, b);
        if (bShellsInA == Location.Interior && aRingsInB == Location.Exterior)
        {
            return Placement.Contains;
        }
        return aShellsInB == Location.Exterior && bShellsInA == Location.Exterior ? Placement.Disjoint : Placement.Unknown;
    }

    /// <summary>Interior or Exterior when the first vertex of every shell of <paramref name="g"/> is so placed in <paramref name="other"/>; else Null.</summary>
    private static Location ShellStarts(Geometry g, Geometry other)
    {
        var common = Location.Null;
        for (var i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is not Polygon { IsEmpty: false } polygon)
            {
                continue;
            }
            var location = SimplePointInAreaLocator.Locate(polygon.Shell.CoordinateSequence.GetCoordinate(0), other);
            if (common != Location.Null && location != common)
            {
                return Location.Null;
            }
            common = location;
        }
        return common;
    }

    /// <summary>Exterior when the first vertex of every ring (shells and holes) of <paramref name="g"/> lies outside <paramref name="other"/>'s interior.</summary>
    private static Location RingStarts(Geometry g, Geometry other)
    {
        for (var i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is not Polygon { IsEmpty: false } polygon)
            {
                continue;
            }
            for (var r = -1; r < polygon.NumInteriorRings; r++)
            {
                var ring = r < 0 ? polygon.Shell : polygon.GetInteriorRingN(r);
                if (SimplePointInAreaLocator.Locate(ring.CoordinateSequence.GetCoordinate(0), other) == Location.Interior)
                {
                    return Location.Interior;
                }
            }
        }
        return Location.Exterior;
    }

    /// <summary>True when some edge of <paramref name="a"/> and some edge of <paramref name="b"/> share a point.</summary>
    private static bool BoundariesMeet(Geometry a, Geometry b)
    {
        for (var i = 0; i < a.NumGeometries; i++)
        {
            if (a.GetGeometryN(i) is not Polygon pa)
            {
                continue;
            }
            for (var r = -1; r < pa.NumInteriorRings; r++)
            {
                var ringA = r < 0 ? pa.Shell : pa.GetInteriorRingN(r);
                for (var j = 0; j < b.NumGeometries; j++)
                {
                    if (b.GetGeometryN(j) is not Polygon pb)
                    {
                        continue;
                    }
                    for (var s = -1; s < pb.NumInteriorRings; s++)
                    {
                        var ringB = s < 0 ? pb.Shell : pb.GetInteriorRingN(s);
                        if (ringA.EnvelopeInternal.Intersects(ringB.EnvelopeInternal) && RingsMeet(ringA.CoordinateSequence, ringB.CoordinateSequence))
                        {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static bool RingsMeet(CoordinateSequence a, CoordinateSequence b)
    {
        for (var i = 0; i + 1 < a.Count; i++)
        {
            double ax1 = a.GetX(i), ay1 = a.GetY(i), ax2 = a.GetX(i + 1), ay2 = a.GetY(i + 1);
            double minX = Math.Min(ax1, ax2), maxX = Math.Max(ax1, ax2), minY = Math.Min(ay1, ay2), maxY = Math.Max(ay1, ay2);
            for (var j = 0; j + 1 < b.Count; j++)
            {
                double bx1 = b.GetX(j), by1 = b.GetY(j), bx2 = b.GetX(j + 1), by2 = b.GetY(j + 1);
                if (Math.Max(bx1, bx2) < minX || Math.Min(bx1, bx2) > maxX || Math.Max(by1, by2) < minY || Math.Min(by1, by2) > maxY)
                {
                    continue;
                }
                if (SegmentsMeet(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Closed segments p1p2 and q1q2 share a point; exact (robust orientation), bounding boxes known to overlap.</summary>
    private static bool SegmentsMeet(double p1x, double p1y, double p2x, double p2y, double q1x, double q1y, double q2x, double q2y)
    {
        var o1 = CGAlgorithmsDD.OrientationIndex(p1x, p1y, p2x, p2y, q1x, q1y);
        var o2 = CGAlgorithmsDD.OrientationIndex(p1x, p1y, p2x, p2y, q2x, q2y);
        if (o1 * o2 > 0)
        {
            return false;
        }
        var o3 = CGAlgorithmsDD.OrientationIndex(q1x, q1y, q2x, q2y, p1x, p1y);
        var o4 = CGAlgorithmsDD.OrientationIndex(q1x, q1y, q2x, q2y, p2x, p2y);
        if (o3 * o4 > 0)
        {
            return false;
        }
        // Collinear: the overlapping bounding boxes mean the segments overlap or touch.
        return true;
    }
}
