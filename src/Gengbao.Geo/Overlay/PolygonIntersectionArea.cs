using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Overlay;

/// <summary>
/// Area (and first moments) of the intersection of a prepared polygonal geometry A with other polygonal geometries,
/// without building the intersection. The idea of JTS's <c>OverlayArea</c> (M. Davis, 2020): by Green's theorem the
/// area is a sum over the boundary of A ∩ B, and each boundary edge lies on an edge line of A or B, so its term
/// splits into two terms at its end vertices that need only the vertex and the edge direction. The vertices of
/// A ∩ B are the proper crossings of A and B edges and the vertices of each strictly inside the other, so no
/// noding, graph or result geometry is needed. The moments come from the same split applied to ∮ x²/2 dy and
/// −∮ y²/2 dx.
/// <para>
/// The split is exact only in general position. Where an edge of one touches the other's boundary without
/// crossing it properly (a shared vertex, a vertex on an edge, collinear overlapping edges), the contribution
/// depends on how the touching is resolved, so <see cref="TryIntersect"/> returns false and the caller must use
/// an exact overlay (OverlayNG) for that pair. Orientation tests are robust (double-double fallback), so "general
/// position" is decided exactly on the input coordinates.
/// </para>
/// <para>
/// Coordinates are taken relative to <c>origin</c> (subtracting nearby coordinates of one zone is exact), so the
/// terms are of the size of the geometries, not of Gauss–Krüger coordinates (≈ 10⁷ m), and keep full precision.
/// Inputs must be valid Polygons or MultiPolygons. Use an instance only on the thread that created it: instances of
/// one thread share a scratch buffer.
/// </para>
/// </summary>
public sealed class PolygonIntersectionArea
{
    private readonly double _ox, _oy;
    // B's rings are scratch space, reused by every instance on the thread: one patch meets dozens of features.
    [ThreadStatic]
    private static Rings? t_scratch;

    private readonly Rings _a = new(16);
    private readonly Rings _b = t_scratch ??= new Rings(64);
    private readonly Envelope _envelopeA;

    /// <summary>Prepares <paramref name="a"/>; results are moments about (<paramref name="originX"/>, <paramref name="originY"/>).</summary>
    public PolygonIntersectionArea(Geometry a, double originX, double originY)
    {
        ArgumentNullException.ThrowIfNull(a);
        _ox = originX;
        _oy = originY;
        _envelopeA = a.EnvelopeInternal;
        _a.Load(a, _ox, _oy, 0, 0);
    }

    /// <summary>Area and moments of the prepared geometry itself.</summary>
    public AreaMoments Self => _a.Moments();

    /// <summary>
    /// Area and moments of A ∩ <paramref name="b"/> in <paramref name="result"/>, or false when the boundaries touch
    /// anywhere other than at proper crossings (then use an exact overlay). Empty inputs give true and zero.
    /// </summary>
    public bool TryIntersect(Geometry b, out AreaMoments result)
    {
        ArgumentNullException.ThrowIfNull(b);
        result = default;
        if (!_envelopeA.Intersects(b.EnvelopeInternal))
        {
            return true;
        }
        _b.Load(b, _ox, _oy, 0, 0);
        return Measure(out result);
    }

    /// <summary>
    /// Like <see cref="TryIntersect"/>, but where the boundaries touch, measures A ∩ (B moved by about 0.1 µm
    /// instead). Moving B by a vector d changes the intersection area by at most |d| × the length of B's boundary
    /// inside A's envelope (≤ 1.6·10⁻⁷ m² per metre of boundary), and almost surely puts the two boundaries in general
    /// position (shared vertices part, collinear edges become parallel ones). False only when even the moved pair
    /// touches.
    /// </summary>
    public bool TryIntersectNudged(Geometry b, out AreaMoments result)
    {
        if (TryIntersect(b, out result))
        {
            return true;
        }
        // An irrational-looking direction, so that no edge of real data runs along it.
        _b.Load(b, _ox, _oy, NudgeX, NudgeY);
        return Measure(out result);
    }

    /// <summary>The move of <see cref="TryIntersectNudged"/>, in coordinate units (m).</summary>
    public const double NudgeX = 1.2207031e-7, NudgeY = 0.9536743e-7;

    private bool Measure(out AreaMoments result)
    {
        result = default;
        double area = 0, mx = 0, my = 0;
        var a = _a;
        var bb = _b;
        // Crossings of A and B edges; any contact other than a proper crossing means "not in general position".
        for (var i = 0; i < a.EdgeCount; i++)
        {
            var (ax0, ay0, ax1, ay1) = (a.X[i], a.Y[i], a.X[a.Next[i]], a.Y[a.Next[i]]);
            var (aMinX, aMaxX) = ax0 < ax1 ? (ax0, ax1) : (ax1, ax0);
            var (aMinY, aMaxY) = ay0 < ay1 ? (ay0, ay1) : (ay1, ay0);
            if (aMaxX < bb.MinX || aMinX > bb.MaxX || aMaxY < bb.MinY || aMinY > bb.MaxY)
            {
                continue;
            }
            for (var j = 0; j < bb.EdgeCount; j++)
            {
                var (bx0, by0, bx1, by1) = (bb.X[j], bb.Y[j], bb.X[bb.Next[j]], bb.Y[bb.Next[j]]);
                if (Math.Max(bx0, bx1) < aMinX || Math.Min(bx0, bx1) > aMaxX || Math.Max(by0, by1) < aMinY || Math.Min(by0, by1) > aMaxY)
                {
                    continue;
                }
                var o1 = Orient(ax0, ay0, ax1, ay1, bx0, by0);
                var o2 = Orient(ax0, ay0, ax1, ay1, bx1, by1);
                if (o1 * o2 > 0)
                {
                    continue;
                }
                var o3 = Orient(bx0, by0, bx1, by1, ax0, ay0);
                var o4 = Orient(bx0, by0, bx1, by1, ax1, ay1);
                if (o3 * o4 > 0)
                {
                    continue;
                }
                if (o1 == 0 || o2 == 0 || o3 == 0 || o4 == 0)
                {
                    // Envelopes meet and no side test separates them: the segments touch or overlap.
                    return false;
                }
                // Proper crossing P. With shells counter-clockwise, o2 > 0 means B turns left at P: the result
                // boundary arrives along A (A leaves B) and departs along B; otherwise the reverse.
                var dax = ax1 - ax0;
                var day = ay1 - ay0;
                var t = (((bx0 - ax0) * (by1 - by0)) - ((by0 - ay0) * (bx1 - bx0))) / ((dax * (by1 - by0)) - (day * (bx1 - bx0)));
                t = Math.Clamp(t, 0, 1);
                var px = ax0 + (t * dax);
                var py = ay0 + (t * day);
                var sign = o2 > 0 ? 1 : -1;
                AddVertexTerm(px, py, a.Ux[i], a.Uy[i], bb.Ux[j], bb.Uy[j], sign, ref area, ref mx, ref my);
            }
        }
        // Vertices of each strictly inside the other (none lies on the other's boundary: that was a contact above).
        if (!AddInteriorVertices(a, bb, ref area, ref mx, ref my) || !AddInteriorVertices(bb, a, ref area, ref mx, ref my))
        {
            return false;
        }
        area *= 0.5;
        result = new AreaMoments(area, mx, my);
        // A last guard: a result outside [0, min(|A|, |B|)] can only come from an undetected degeneracy.
        var limit = Math.Min(a.Area, bb.Area);
        return area >= -1e-9 * limit && area <= limit * (1 + 1e-9);
    }

    /// <summary>Adds F(v, u_in) − F(v, u_out) of each vertex of <paramref name="r"/> strictly inside <paramref name="other"/>.</summary>
    private static bool AddInteriorVertices(Rings r, Rings other, ref double area, ref double mx, ref double my)
    {
        for (var i = 0; i < r.EdgeCount; i++)
        {
            var x = r.X[i];
            var y = r.Y[i];
            if (x < other.MinX || x > other.MaxX || y < other.MinY || y > other.MaxY)
            {
                continue;
            }
            var location = other.Locate(x, y);
            if (location < 0)
            {
                return false;
            }
            if (location == 1)
            {
                var prev = r.Prev[i];
                AddVertexTerm(x, y, r.Ux[prev], r.Uy[prev], r.Ux[i], r.Uy[i], 1, ref area, ref mx, ref my);
            }
        }
        return true;
    }

    /// <summary>
    /// sign × (F(v, u_in) − F(v, u_out)), F the antiderivatives along the edge line through v with unit direction u,
    /// in t = v·u and c = v×u: 2A: c·t; Mx: u_y/2·(u_x²t³/3 + c·u_x·u_y·t² + c²·u_y²·t);
    /// My: −u_x/2·(u_y²t³/3 − c·u_x·u_y·t² + c²·u_x²·t). (Area is accumulated doubled.)
    /// </summary>
    private static void AddVertexTerm(double x, double y, double inX, double inY, double outX, double outY, int sign,
        ref double area, ref double mx, ref double my)
    {
        Terms(x, y, inX, inY, out var a1, out var x1, out var y1);
        Terms(x, y, outX, outY, out var a2, out var x2, out var y2);
        area += sign * (a1 - a2);
        mx += sign * (x1 - x2);
        my += sign * (y1 - y2);
    }

    private static void Terms(double x, double y, double ux, double uy, out double a, out double mx, out double my)
    {
        var t = (x * ux) + (y * uy);
        var c = (x * uy) - (y * ux);
        var t2 = t * t;
        a = c * t;
        mx = 0.5 * uy * ((ux * ux * t2 * t / 3) + (c * ux * uy * t2) + (c * c * uy * uy * t));
        my = -0.5 * ux * ((uy * uy * t2 * t / 3) - (c * ux * uy * t2) + (c * c * ux * ux * t));
    }

    /// <summary>Sign of the orientation of (p, q, r): 1 left turn, −1 right turn, 0 collinear. Exact (filtered, DD fallback).</summary>
    internal static int Orient(double px, double py, double qx, double qy, double rx, double ry)
    {
        var left = (qx - px) * (ry - py);
        var right = (qy - py) * (rx - px);
        var det = left - right;
        // Shewchuk's error bound for the floating-point determinant; beyond it the sign is certain.
        var bound = 3.3306690738754716e-16 * (Math.Abs(left) + Math.Abs(right));
        if (det > bound)
        {
            return 1;
        }
        if (det < -bound)
        {
            return -1;
        }
        return Orientation.Index(new Coordinate(px, py), new Coordinate(qx, qy), new Coordinate(rx, ry)) switch
        {
            OrientationIndex.Left => 1,
            OrientationIndex.Right => -1,
            _ => 0,
        };
    }

    /// <summary>The rings of one geometry in local coordinates: shells counter-clockwise, holes clockwise, no repeated points.</summary>
    private sealed class Rings
    {
        public double[] X, Y, Ux, Uy;
        public int[] Next, Prev;
        public int EdgeCount;
        public double MinX, MaxX, MinY, MaxY, Area;

        public Rings(int capacity)
        {
            (X, Y, Ux, Uy) = (new double[capacity], new double[capacity], new double[capacity], new double[capacity]);
            (Next, Prev) = (new int[capacity], new int[capacity]);
        }

        public void Load(Geometry geometry, double ox, double oy, double shiftX, double shiftY)
        {
            EdgeCount = 0;
            Area = 0;
            MinX = MinY = double.PositiveInfinity;
            MaxX = MaxY = double.NegativeInfinity;
            for (var p = 0; p < geometry.NumGeometries; p++)
            {
                if (geometry.GetGeometryN(p) is not Polygon polygon)
                {
                    throw new ArgumentException($"not polygonal: {geometry.GeometryType}", nameof(geometry));
                }
                if (polygon.IsEmpty)
                {
                    continue;
                }
                AddRing(polygon.Shell.CoordinateSequence, ox, oy, shiftX, shiftY, hole: false);
                for (var h = 0; h < polygon.NumInteriorRings; h++)
                {
                    AddRing(polygon.GetInteriorRingN(h).CoordinateSequence, ox, oy, shiftX, shiftY, hole: true);
                }
            }
        }

        private void AddRing(CoordinateSequence sequence, double ox, double oy, double shiftX, double shiftY, bool hole)
        {
            var start = EdgeCount;
            Ensure(start + sequence.Count);
            for (var k = 0; k < sequence.Count - 1; k++)
            {
                var x = sequence.GetX(k) - ox + shiftX;
                var y = sequence.GetY(k) - oy + shiftY;
                if (EdgeCount > start && X[EdgeCount - 1] == x && Y[EdgeCount - 1] == y)
                {
                    continue;
                }
                X[EdgeCount] = x;
                Y[EdgeCount] = y;
                EdgeCount++;
            }
            while (EdgeCount - start > 1 && X[EdgeCount - 1] == X[start] && Y[EdgeCount - 1] == Y[start])
            {
                EdgeCount--;
            }
            var n = EdgeCount - start;
            if (n < 3)
            {
                EdgeCount = start;
                return;
            }
            var twice = 0.0;
            for (var k = 0; k < n; k++)
            {
                var i = start + k;
                var j = start + ((k + 1) % n);
                twice += (X[i] * Y[j]) - (X[j] * Y[i]);
            }
            // Shells must run counter-clockwise and holes clockwise, so that the interior is on the left.
            if ((twice < 0) != hole)
            {
                Array.Reverse(X, start, n);
                Array.Reverse(Y, start, n);
            }
            Area += hole ? -Math.Abs(twice) / 2 : Math.Abs(twice) / 2;
            for (var k = 0; k < n; k++)
            {
                var i = start + k;
                var j = start + ((k + 1) % n);
                Next[i] = j;
                Prev[j] = i;
                var dx = X[j] - X[i];
                var dy = Y[j] - Y[i];
                var length = Math.Sqrt((dx * dx) + (dy * dy));
                Ux[i] = dx / length;
                Uy[i] = dy / length;
                MinX = Math.Min(MinX, X[i]);
                MaxX = Math.Max(MaxX, X[i]);
                MinY = Math.Min(MinY, Y[i]);
                MaxY = Math.Max(MaxY, Y[i]);
            }
        }

        /// <summary>1 strictly inside, 0 outside, −1 on the boundary (crossing parity over all rings, robust orientation).</summary>
        public int Locate(double x, double y)
        {
            var inside = false;
            for (var i = 0; i < EdgeCount; i++)
            {
                var x0 = X[i];
                var y0 = Y[i];
                var x1 = X[Next[i]];
                var y1 = Y[Next[i]];
                if (x0 == x && y0 == y)
                {
                    return -1;
                }
                if ((y0 > y) == (y1 > y))
                {
                    if (y0 == y && y1 == y && Math.Min(x0, x1) <= x && x <= Math.Max(x0, x1))
                    {
                        return -1;
                    }
                    continue;
                }
                var o = Orient(x0, y0, x1, y1, x, y);
                if (o == 0)
                {
                    return -1;
                }
                // The ray to +x crosses an upward edge with the point on its left, a downward one with it on its right.
                if ((y1 > y0) == (o > 0))
                {
                    inside = !inside;
                }
            }
            return inside ? 1 : 0;
        }

        public AreaMoments Moments()
        {
            double area = 0, mx = 0, my = 0;
            for (var i = 0; i < EdgeCount; i++)
            {
                var prev = Prev[i];
                AddVertexTerm(X[i], Y[i], Ux[prev], Uy[prev], Ux[i], Uy[i], 1, ref area, ref mx, ref my);
            }
            return new AreaMoments(area / 2, mx, my);
        }

        private void Ensure(int size)
        {
            if (X.Length >= size)
            {
                return;
            }
            var length = Math.Max(size, 2 * X.Length);
            Array.Resize(ref X, length);
            Array.Resize(ref Y, length);
            Array.Resize(ref Ux, length);
            Array.Resize(ref Uy, length);
            Array.Resize(ref Next, length);
            Array.Resize(ref Prev, length);
        }
    }
}
