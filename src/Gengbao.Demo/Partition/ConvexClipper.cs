using System.Runtime.CompilerServices;
using NetTopologySuite.Geometries;

namespace Gengbao.Demo.Partition;

/// <summary>
/// Fast intersection of a convex cell with a polygon for the common case where the result is one piece: the polygon's
/// boundary runs through the cell in at most one arc, and Sutherland–Hodgman clipping is exact. Everything else (holes
/// nearby, several arcs, vertices within a few millimetres of the other shape's edges, where grid rounding could fold an
/// edge, or an invalid result) returns null and is left to OverlayNG, which is several times slower on patch-sized cells.
/// </summary>
internal static class ConvexClipper
{
    /// <summary>Closer than this (m) to the other shape's edges means "let the overlay decide".</summary>
    private const double Margin = 0.005;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Polygon? TryClip(Polygon cell, Polygon parent)
    {
        var envelope = cell.EnvelopeInternal;
        for (var h = 0; h < parent.NumInteriorRings; h++)
        {
            if (parent.GetInteriorRingN(h).EnvelopeInternal.Intersects(envelope))
            {
                return null;
            }
        }
        // The cell as the overlay would see it: vertices on the grid, counter-clockwise, with unit inward normals.
        if (Window.Of(cell) is not { } window)
        {
            return null;
        }
        var sequence = parent.ExteriorRing.CoordinateSequence;
        var count = sequence.Count - 1;
        var xs = new double[count];
        var ys = new double[count];
        for (var i = 0; i < count; i++)
        {
            xs[i] = sequence.GetX(i);
            ys[i] = sequence.GetY(i);
        }
        var edges = window.Count;
        var distance = new double[edges * count];
        var inside = new bool[count];
        var anyInside = false;
        for (var i = 0; i < count; i++)
        {
            var min = double.MaxValue;
            for (var e = 0; e < edges; e++)
            {
                var d = window.Distance(e, xs[i], ys[i]);
                distance[(e * count) + i] = d;
                min = Math.Min(min, d);
            }
            // For a convex window, -min bounds the distance of an outside point from below, so this is a true clearance test.
            if (Math.Abs(min) < Margin)
            {
                return null;
            }
            inside[i] = min > 0;
            anyInside |= inside[i];
        }

        var arcs = 0;
        var transitions = 0;
        for (var i = 0; i < count; i++)
        {
            var j = i + 1 == count ? 0 : i + 1;
            if (inside[i] != inside[j])
            {
                transitions++;
            }
            else if (!inside[i] && Crosses(distance, count, edges, i, j))
            {
                arcs++;
            }
        }
        arcs += transitions / 2;
        if (arcs > 1)
        {
            return null;
        }
        for (var c = 0; c < edges; c++)
        {
            if (NearRing(xs, ys, window.X[c], window.Y[c]))
            {
                return null;
            }
        }
        if (arcs == 0)
        {
            // No boundary crosses: either the whole parent lies in the cell, or the whole cell in the parent.
            return anyInside ? parent : window.ToPolygon();
        }

        var px = new List<double>(xs);
        var py = new List<double>(ys);
        for (var e = 0; e < edges && px.Count > 0; e++)
        {
            (px, py) = ClipByEdge(window, e, px, py);
        }
        var result = Build(px, py);
        // Clipping edge by edge leaves zero-width bridges along a window edge when the polygon crosses that edge's line
        // more than twice, and a spike of the parent can fold across itself inside the window (a 0102 patch of village
        // 622924100207 in the 2.4-million-patch prefecture, VillageValidityTests): every result is checked.
        return result is { IsValid: true } ? result : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Crosses(double[] distance, int count, int edges, int i, int j)
    {
        // Cyrus–Beck: the part of segment i→j inside every edge's half-plane is non-empty.
        double enter = 0, leave = 1;
        for (var e = 0; e < edges; e++)
        {
            var d0 = distance[(e * count) + i];
            var d1 = distance[(e * count) + j];
            if (d0 < 0 && d1 < 0)
            {
                return false;
            }
            if (d0 < 0)
            {
                enter = Math.Max(enter, d0 / (d0 - d1));
            }
            else if (d1 < 0)
            {
                leave = Math.Min(leave, d0 / (d0 - d1));
            }
        }
        return enter < leave;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (List<double>, List<double>) ClipByEdge(Window window, int e, List<double> xs, List<double> ys)
    {
        var ox = new List<double>(xs.Count + 2);
        var oy = new List<double>(xs.Count + 2);
        var n = xs.Count;
        var dp = window.Distance(e, xs[0], ys[0]);
        for (var i = 0; i < n; i++)
        {
            var j = i + 1 == n ? 0 : i + 1;
            var dq = window.Distance(e, xs[j], ys[j]);
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
        return (ox, oy);
    }

    private static Polygon? Build(List<double> xs, List<double> ys)
    {
        var ring = new List<Coordinate>(xs.Count + 1);
        for (var i = 0; i < xs.Count; i++)
        {
            var rounded = new Coordinate(Geom.Precision.MakePrecise(xs[i]), Geom.Precision.MakePrecise(ys[i]));
            if (ring.Count == 0 || !ring[^1].Equals2D(rounded))
            {
                ring.Add(rounded);
            }
        }
        while (ring.Count > 1 && ring[^1].Equals2D(ring[0]))
        {
            ring.RemoveAt(ring.Count - 1);
        }
        if (ring.Count < 3)
        {
            return null;
        }
        ring.Add(ring[0].Copy());
        return Geom.Factory.CreatePolygon([.. ring]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool NearRing(double[] xs, double[] ys, double x, double y)
    {
        var n = xs.Length;
        for (var i = 0; i < n; i++)
        {
            var j = i + 1 == n ? 0 : i + 1;
            if (x < Math.Min(xs[i], xs[j]) - Margin || x > Math.Max(xs[i], xs[j]) + Margin
                || y < Math.Min(ys[i], ys[j]) - Margin || y > Math.Max(ys[i], ys[j]) + Margin)
            {
                continue;
            }
            if (Geom.DistanceToSegment(x, y, new Coordinate(xs[i], ys[i]), new Coordinate(xs[j], ys[j])) < Margin)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A convex ring on the grid, counter-clockwise, with each edge's unit inward normal.</summary>
    private sealed class Window
    {
        public required double[] X { get; init; }
        public required double[] Y { get; init; }
        public required double[] Nx { get; init; }
        public required double[] Ny { get; init; }
        public required double[] Offset { get; init; }
        public int Count => Nx.Length;

        /// <summary>Signed distance from edge e's line, positive inside.</summary>
        public double Distance(int e, double x, double y) => (Nx[e] * x) + (Ny[e] * y) - Offset[e];

        public static Window? Of(Polygon cell)
        {
            var rounded = Geom.RoundConvex(cell);
            if (rounded is null)
            {
                return null;
            }
            var coordinates = rounded.ExteriorRing.Coordinates;
            if (!NetTopologySuite.Algorithm.Orientation.IsCCW(coordinates))
            {
                Array.Reverse(coordinates);
            }
            var n = coordinates.Length - 1;
            var window = new Window
            {
                X = new double[n],
                Y = new double[n],
                Nx = new double[n],
                Ny = new double[n],
                Offset = new double[n],
            };
            for (var e = 0; e < n; e++)
            {
                var a = coordinates[e];
                var b = coordinates[e + 1];
                var length = a.Distance(b);
                window.X[e] = a.X;
                window.Y[e] = a.Y;
                // Inward normal of a counter-clockwise ring is the edge direction turned left.
                window.Nx[e] = -(b.Y - a.Y) / length;
                window.Ny[e] = (b.X - a.X) / length;
                window.Offset[e] = (window.Nx[e] * a.X) + (window.Ny[e] * a.Y);
            }
            return window;
        }

        public Polygon ToPolygon()
        {
            var ring = new Coordinate[X.Length + 1];
            for (var i = 0; i < X.Length; i++)
            {
                ring[i] = new Coordinate(X[i], Y[i]);
            }
            ring[^1] = ring[0].Copy();
            return Geom.Factory.CreatePolygon(ring);
        }
    }
}
