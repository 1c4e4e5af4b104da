using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Triangulate;

namespace Gengbao.Demo.Partition;

/// <summary>
/// Splits a parent polygon among sites by their Voronoi cells clipped to the parent. Cells are disjoint and cover the
/// plane, so the clipped pieces tile the parent exactly (up to the grid of <see cref="Geom.Precision"/>).
/// </summary>
internal static class VoronoiPartition
{
    private static readonly GeometryFactory Floating = new();

    /// <summary>
    /// For each site, the pieces of its cell inside <paramref name="parent"/>; the first piece is the one holding the
    /// site (or the largest). A concave parent can cut a cell into several pieces.
    /// </summary>
    public static List<Polygon>[] Pieces(Geometry parent, IPreparedGeometry prepared, IReadOnlyList<Coordinate> sites)
    {
        var pieces = new List<Polygon>[sites.Count];
        if (sites.Count == 1)
        {
            pieces[0] = Geom.Polygons(parent);
            return pieces;
        }
        var index = new Dictionary<Coordinate, int>(sites.Count);
        for (var i = 0; i < sites.Count; i++)
        {
            index.TryAdd(sites[i], i);
        }
        // The raw cells of the subdivision, not GetDiagram: that clips every hull cell to an envelope with the legacy
        // overlay, which costs more than everything else here; the cells are clipped to the parent below anyway.
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites([.. sites]);
        var diagram = builder.GetSubdivision().GetVoronoiCellPolygons(Floating);
        foreach (var geometry in diagram)
        {
            var cell = (Polygon)geometry;
            if (cell.UserData is not Coordinate site || !index.TryGetValue(site, out var i))
            {
                continue;
            }
            List<Polygon> parts;
            if (prepared.ContainsProperly(cell) && Geom.RoundConvex(cell) is { } rounded)
            {
                parts = [rounded];
            }
            else if (parent is Polygon single && ConvexClipper.TryClip(cell, single) is { } clipped)
            {
                parts = [clipped];
            }
            else
            {
                parts = Geom.Polygons(Geom.Intersection(cell, parent));
            }
            pieces[i] = OrderMainFirst(parts, site);
        }
        for (var i = 0; i < pieces.Length; i++)
        {
            pieces[i] ??= [];
        }
        return pieces;
    }

    /// <summary>
    /// One polygon per site (administrative units must be connected): the pieces cut off a cell by a concave parent
    /// are merged into the neighbour they share the longest boundary with.
    /// </summary>
    public static Geometry[] Units(Geometry parent, IReadOnlyList<Coordinate> sites)
    {
        var prepared = PreparedGeometryFactory.Prepare(parent);
        var pieces = Pieces(parent, prepared, sites);
        var units = new Geometry[sites.Count];
        var fragments = new List<Polygon>();
        for (var i = 0; i < sites.Count; i++)
        {
            if (pieces[i].Count == 0)
            {
                throw new InvalidOperationException($"site {sites[i]} has no Voronoi cell inside its parent");
            }
            units[i] = pieces[i][0];
            fragments.AddRange(pieces[i].Skip(1));
        }
        foreach (var fragment in fragments)
        {
            MergeIntoNeighbour(units, fragment);
        }
        return units;
    }

    /// <summary>
    /// Unions <paramref name="fragment"/> into the entry of <paramref name="owners"/> it shares the longest boundary with;
    /// returns that index, or -1 when it touches none (then nothing changes).
    /// </summary>
    public static int MergeIntoNeighbour(IList<Geometry> owners, Polygon fragment, int skip = -1)
    {
        var best = -1;
        var bestLength = 0.0;
        var fragmentEnvelope = fragment.EnvelopeInternal;
        var fragmentBoundary = fragment.Boundary;
        for (var j = 0; j < owners.Count; j++)
        {
            if (j == skip || owners[j] is null || !owners[j].EnvelopeInternal.Intersects(fragmentEnvelope))
            {
                continue;
            }
            var shared = Geom.Intersection(fragmentBoundary, owners[j].Boundary).Length;
            if (shared > bestLength)
            {
                bestLength = shared;
                best = j;
            }
        }
        if (best >= 0)
        {
            var merged = Geom.Polygons(Geom.Union(owners[best], fragment));
            owners[best] = Geom.Polygonal(merged);
        }
        return best;
    }

    private static List<Polygon> OrderMainFirst(List<Polygon> parts, Coordinate site)
    {
        if (parts.Count <= 1)
        {
            return parts;
        }
        var main = -1;
        for (var i = 0; i < parts.Count && main < 0; i++)
        {
            if (new IndexedPointInAreaLocator(parts[i]).Locate(site) != Location.Exterior)
            {
                main = i;
            }
        }
        if (main < 0)
        {
            main = 0;
            for (var i = 1; i < parts.Count; i++)
            {
                if (parts[i].Area > parts[main].Area)
                {
                    main = i;
                }
            }
        }
        var ordered = new List<Polygon>(parts.Count) { parts[main] };
        for (var i = 0; i < parts.Count; i++)
        {
            if (i != main)
            {
                ordered.Add(parts[i]);
            }
        }
        return ordered;
    }
}
