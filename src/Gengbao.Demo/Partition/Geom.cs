using System.Runtime.CompilerServices;
using Gengbao.Demo.Geography;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Gengbao.Demo.Partition;

/// <summary>
/// Geometry plumbing for the generator. Every coordinate lives on a 0.01 mm grid and every overlay is OverlayNG with
/// that fixed precision model: snap-rounding is fully robust, and both neighbours of a shared edge round the same
/// intersection to the same grid point, so clipped pieces fit each other. The grid is finer than the survey's
/// millimetre because snap-rounding may bend an edge by up to a grid cell towards a nearby vertex; on a kilometre-long
/// village boundary a 1 mm bend is a 0.5 m² sliver, a 0.01 mm bend is invisible.
/// </summary>
internal static class Geom
{
    public static readonly PrecisionModel Precision = new(100_000);

    public static readonly GeometryFactory Factory = new(Precision, LinxiaGeography.Srid);

    public static Geometry Intersection(Geometry a, Geometry b) => OverlayNG.Overlay(a, b, SpatialFunction.Intersection, Precision);

    public static Geometry Difference(Geometry a, Geometry b) => OverlayNG.Overlay(a, b, SpatialFunction.Difference, Precision);

    public static Geometry Union(Geometry a, Geometry b) => OverlayNG.Overlay(a, b, SpatialFunction.Union, Precision);

    public static Geometry UnionAll(IEnumerable<Geometry> geometries) =>
        UnaryUnionNG.Union(Factory.BuildGeometry(geometries.ToList()), Precision);

    /// <summary>
    /// Merges polygons that share their edges exactly (cells of one Voronoi diagram) by coverage union, in linear time;
    /// where a clip or a merge left the edges not exactly shared (coverage union then throws or returns an invalid
    /// result), by the overlay union.
    /// </summary>
    public static Geometry UnionCoverage(IReadOnlyList<Geometry> polygons)
    {
        if (polygons.Count == 1)
        {
            return polygons[0];
        }
        Geometry? merged;
        try
        {
            merged = CoverageUnion.Union(Factory.BuildGeometry(polygons.ToList()));
        }
        catch (TopologyException)
        {
            merged = null;
        }
        return merged is { IsValid: true } ? merged : UnionAll(polygons);
    }

    /// <summary>The polygons of a result, dropping any lower-dimension debris an overlay returns.</summary>
    public static List<Polygon> Polygons(Geometry geometry)
    {
        var polygons = new List<Polygon>();
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon { IsEmpty: false } polygon)
            {
                polygons.Add(polygon);
            }
        }
        return polygons;
    }

    /// <summary>One polygon as-is, several as a MultiPolygon; what the layers store.</summary>
    public static Geometry Polygonal(IReadOnlyList<Polygon> polygons) =>
        polygons.Count == 1 ? polygons[0] : Factory.CreateMultiPolygon([.. polygons]);

    /// <summary>
    /// Rounds a convex cell lying strictly inside its parent to the grid. Returns null when rounding collapsed it
    /// (edges shorter than the grid), in which case the caller clips it through the overlay instead.
    /// </summary>
    public static Polygon? RoundConvex(Polygon cell)
    {
        var source = cell.ExteriorRing.Coordinates;
        var ring = new List<Coordinate>(source.Length);
        foreach (var c in source)
        {
            var rounded = new Coordinate(Precision.MakePrecise(c.X), Precision.MakePrecise(c.Y));
            if (ring.Count == 0 || !ring[^1].Equals2D(rounded))
            {
                ring.Add(rounded);
            }
        }
        if (ring.Count < 4 || !ring[0].Equals2D(ring[^1]))
        {
            return null;
        }
        return Factory.CreatePolygon([.. ring]);
    }

    public static Polygon Ring(IReadOnlyList<Coordinate> points)
    {
        var ring = new Coordinate[points.Count + 1];
        for (var i = 0; i < points.Count; i++)
        {
            ring[i] = new Coordinate(Precision.MakePrecise(points[i].X), Precision.MakePrecise(points[i].Y));
        }
        ring[^1] = ring[0].Copy();
        return Factory.CreatePolygon(ring);
    }

    /// <summary>Distance from (x, y) to the polyline, m.</summary>
    public static double DistanceToLine(double x, double y, Coordinate[] line)
    {
        var best = double.MaxValue;
        for (var i = 0; i + 1 < line.Length; i++)
        {
            best = Math.Min(best, DistanceToSegment(x, y, line[i], line[i + 1]));
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double DistanceToSegment(double x, double y, Coordinate a, Coordinate b)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var lengthSquared = (dx * dx) + (dy * dy);
        var t = lengthSquared == 0 ? 0 : Math.Clamp((((x - a.X) * dx) + ((y - a.Y) * dy)) / lengthSquared, 0, 1);
        var px = a.X + (t * dx) - x;
        var py = a.Y + (t * dy) - y;
        return Math.Sqrt((px * px) + (py * py));
    }
}
