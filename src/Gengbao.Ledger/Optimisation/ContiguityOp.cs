using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Gengbao.Ledger.Optimisation;

/// <summary>
/// Contiguous blocks (连片) of polygons: two polygons are in one block when they touch or are at most a gap apart,
/// transitively (single-linkage clustering, the same relation as PostGIS <c>ST_ClusterDBSCAN(geom, gap, 1)</c>).
/// Candidate pairs come from an STR-tree of envelopes grown by the gap; blocks from a union–find.
/// </summary>
public static class ContiguityOp
{
    /// <summary>
    /// Block index (0 … blocks − 1, in order of the first member) of each shape. Shapes must be in a metric CRS;
    /// <paramref name="gapMetres"/> ≥ 0. Empty input gives an empty array.
    /// </summary>
    public static int[] Blocks(IReadOnlyList<Geometry> shapes, double gapMetres)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentOutOfRangeException.ThrowIfNegative(gapMetres);
        var parent = new int[shapes.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }
        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }
        var tree = new STRtree<int>();
        for (var i = 0; i < shapes.Count; i++)
        {
            tree.Insert(shapes[i].EnvelopeInternal, i);
        }
        tree.Build();
        for (var i = 0; i < shapes.Count; i++)
        {
            var search = new Envelope(shapes[i].EnvelopeInternal);
            search.ExpandBy(gapMetres);
            foreach (var j in tree.Query(search))
            {
                if (j <= i || Find(i) == Find(j))
                {
                    continue;
                }
                if (shapes[i].IsWithinDistance(shapes[j], gapMetres))
                {
                    parent[Find(j)] = Find(i);
                }
            }
        }
        var index = new Dictionary<int, int>();
        var blocks = new int[shapes.Count];
        for (var i = 0; i < shapes.Count; i++)
        {
            var root = Find(i);
            if (!index.TryGetValue(root, out var b))
            {
                index[root] = b = index.Count;
            }
            blocks[i] = b;
        }
        return blocks;
    }
}
