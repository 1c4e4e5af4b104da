using System.Runtime.CompilerServices;
using Gengbao.Demo.Generation;
using Gengbao.Demo.Geography;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace Gengbao.Demo.Partition;

/// <summary>
/// Draws the prefecture and its eight counties. The land is cut into ~1.5 km Voronoi cells; the prefecture is the
/// cells within a noisy distance of the county seats (scaled until it measures 8,169 km²), and the counties grow from
/// their real seats over the cell graph, competing with weights tuned until each county has about its real area.
/// Growing over the graph keeps every county connected and gives boundaries that wander like real ones.
/// </summary>
internal static class CountyPartition
{
    private const double Spacing = 1_500;
    private const double SoftMin = 0.35;
    private static readonly Envelope Frame = new(34_520_000, 34_705_000, 3_870_000, 4_025_000);

    public static (Geometry Prefecture, Geometry[] Counties) Build(int seed)
    {
        var random = DemoRandom.For(seed, "counties");

        var sites = new List<Coordinate>();
        for (var y = Frame.MinY; y < Frame.MaxY; y += Spacing)
        {
            for (var x = Frame.MinX; x < Frame.MaxX; x += Spacing)
            {
                sites.Add(new Coordinate(
                    Geom.Precision.MakePrecise(x + (Spacing * (0.5 + random.Range(-0.35, 0.35)))),
                    Geom.Precision.MakePrecise(y + (Spacing * (0.5 + random.Range(-0.35, 0.35))))));
            }
        }
        var (cells, neighbours) = Cells(sites);
        var areas = cells.Select(c => c?.Area ?? 0).ToArray();
        var border = cells.Select(c => c is null || TouchesFrame(c.EnvelopeInternal)).ToArray();
        var anchors = LinxiaGeography.Counties;
        var seedCells = anchors.Select(a => Nearest(sites, a.X, a.Y)).ToArray();

        var inside = Outline(seed, sites, neighbours, areas, border, seedCells);
        var owner = GrowCounties(seed, sites, neighbours, areas, inside, seedCells);

        // The cells come from one Voronoi diagram rounded once, so neighbours share identical edges: a coverage.
        var counties = new Geometry[anchors.Length];
        for (var c = 0; c < anchors.Length; c++)
        {
            counties[c] = Geom.UnionCoverage(Enumerable.Range(0, sites.Count).Where(i => owner[i] == c).Select(i => (Geometry)cells[i]!).ToList());
        }
        return (Geom.UnionCoverage(counties), counties);
    }

    /// <summary>
    /// The prefecture's cells: those whose soft-minimum distance to the seats, relative to each county's reach, is
    /// under a threshold bisected until the connected, hole-free set has the real area.
    /// </summary>
    private static bool[] Outline(int seed, List<Coordinate> sites, List<int>[] neighbours, double[] areas, bool[] border, int[] seedCells)
    {
        var outlineNoise = new NoiseField(DemoRandom.Hash(seed, "outline"), 24_000, 3);
        var anchors = LinxiaGeography.Counties;
        var score = new double[sites.Count];
        for (var i = 0; i < sites.Count; i++)
        {
            // The soft minimum fills the notches a plain minimum leaves between the counties' lobes.
            var sum = 0.0;
            foreach (var anchor in anchors)
            {
                var reach = Math.Sqrt(Math.Max(anchor.AreaKm2, 400) * 1e6 / Math.PI);
                sum += Math.Exp(-Math.Sqrt(Sq(sites[i].X - anchor.X) + Sq(sites[i].Y - anchor.Y)) / reach / SoftMin);
            }
            score[i] = (-SoftMin * Math.Log(sum)) - (0.6 * (outlineNoise.Uniform(sites[i].X, sites[i].Y) - 0.5));
        }
        double low = -1.0, high = 3.0;
        for (var iteration = 0; iteration < 30; iteration++)
        {
            var scale = (low + high) / 2;
            var region = Region(score, scale, neighbours, border, seedCells[0]);
            var area = Enumerable.Range(0, sites.Count).Where(i => region[i]).Sum(i => areas[i]) / 1e6;
            if (area > LinxiaGeography.PrefectureAreaKm2)
            {
                high = scale;
            }
            else
            {
                low = scale;
            }
        }
        var inside = Region(score, low, neighbours, border, seedCells[0]);
        if (seedCells.Any(c => !inside[c]))
        {
            throw new InvalidOperationException("a county seat fell outside the generated prefecture outline");
        }
        return inside;
    }

    /// <summary>
    /// Which county owns each inside cell: competitive growth from the seats, one weight per county, tuned until every
    /// county has its share of the prefecture in proportion to the real areas.
    /// </summary>
    private static int[] GrowCounties(int seed, List<Coordinate> sites, List<int>[] neighbours, double[] areas, bool[] inside, int[] seedCells)
    {
        var boundaryNoise = new NoiseField(DemoRandom.Hash(seed, "county boundaries"), 9_000, 3);
        var anchors = LinxiaGeography.Counties;
        var insideArea = Enumerable.Range(0, sites.Count).Where(i => inside[i]).Sum(i => areas[i]);
        var totalTarget = anchors.Sum(a => a.AreaKm2);
        var targets = anchors.Select(a => a.AreaKm2 / totalTarget * insideArea).ToArray();
        var weights = anchors.Select(a => Math.Sqrt(a.AreaKm2)).ToArray();
        var edgeNoise = new double[sites.Count];
        for (var i = 0; i < sites.Count; i++)
        {
            edgeNoise[i] = 0.55 + (0.9 * boundaryNoise.Uniform(sites[i].X, sites[i].Y));
        }
        int[] owner = [];
        for (var iteration = 0; iteration < 40; iteration++)
        {
            owner = Grow(sites, neighbours, inside, seedCells, weights, edgeNoise);
            for (var c = 0; c < anchors.Length; c++)
            {
                var area = Enumerable.Range(0, sites.Count).Where(i => owner[i] == c).Sum(i => areas[i]);
                weights[c] *= Math.Pow(targets[c] / Math.Max(area, 1), 0.5);
            }
        }
        return owner;
    }

    /// <summary>Voronoi cells (rounded to the grid) and their adjacency, indexed like the sites.</summary>
    private static (Polygon?[] Cells, List<int>[] Neighbours) Cells(List<Coordinate> sites)
    {
        var index = new Dictionary<Coordinate, int>();
        for (var i = 0; i < sites.Count; i++)
        {
            index[sites[i]] = i;
        }
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = Frame };
        builder.SetSites(sites);
        var cells = new Polygon?[sites.Count];
        var diagram = builder.GetDiagram(new GeometryFactory());
        for (var c = 0; c < diagram.NumGeometries; c++)
        {
            var cell = (Polygon)diagram.GetGeometryN(c);
            if (cell.UserData is Coordinate site && index.TryGetValue(site, out var i))
            {
                cells[i] = Geom.RoundConvex(cell) ?? throw new InvalidOperationException("degenerate county cell");
            }
        }
        var neighbours = Enumerable.Range(0, sites.Count).Select(_ => new List<int>()).ToArray();
        foreach (var edge in builder.GetSubdivision().GetEdges())
        {
            if (index.TryGetValue(edge.Orig.Coordinate, out var a) && index.TryGetValue(edge.Dest.Coordinate, out var b) && a != b)
            {
                if (!neighbours[a].Contains(b))
                {
                    neighbours[a].Add(b);
                    neighbours[b].Add(a);
                }
            }
        }
        foreach (var list in neighbours)
        {
            list.Sort();
        }
        return (cells, neighbours);
    }

    /// <summary>Cells scoring under the threshold, reduced to the part connected to the start cell, with holes filled.</summary>
    private static bool[] Region(double[] score, double threshold, List<int>[] neighbours, bool[] frameCells, int start)
    {
        var candidate = score.Select((s, i) => s < threshold && !frameCells[i]).ToArray();
        var region = Flood(start, i => candidate[i], neighbours);
        // Fill holes: cells not reachable from the frame's border without crossing the region.
        var outside = new bool[score.Length];
        var queue = new Queue<int>();
        for (var i = 0; i < score.Length; i++)
        {
            if (!region[i] && frameCells[i])
            {
                outside[i] = true;
                queue.Enqueue(i);
            }
        }
        var border = Flood(queue, i => !region[i], neighbours, outside);
        for (var i = 0; i < score.Length; i++)
        {
            region[i] = !border[i];
        }
        return region;
    }

    private static bool[] Flood(int start, Func<int, bool> allowed, List<int>[] neighbours)
    {
        var seen = new bool[neighbours.Length];
        seen[start] = true;
        var queue = new Queue<int>();
        queue.Enqueue(start);
        return Flood(queue, allowed, neighbours, seen);
    }

    private static bool[] Flood(Queue<int> queue, Func<int, bool> allowed, List<int>[] neighbours, bool[] seen)
    {
        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            foreach (var j in neighbours[i])
            {
                if (!seen[j] && allowed(j))
                {
                    seen[j] = true;
                    queue.Enqueue(j);
                }
            }
        }
        return seen;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] Grow(List<Coordinate> sites, List<int>[] neighbours, bool[] inside, int[] seeds, double[] weights, double[] edgeNoise)
    {
        var owner = Enumerable.Repeat(-1, sites.Count).ToArray();
        var queue = new PriorityQueue<(int Cell, int County), (double Cost, int Cell)>();
        for (var c = 0; c < seeds.Length; c++)
        {
            queue.Enqueue((seeds[c], c), (0, seeds[c]));
        }
        while (queue.TryDequeue(out var item, out var priority))
        {
            if (owner[item.Cell] >= 0)
            {
                continue;
            }
            owner[item.Cell] = item.County;
            foreach (var next in neighbours[item.Cell])
            {
                if (inside[next] && owner[next] < 0)
                {
                    var step = sites[item.Cell].Distance(sites[next]) * (edgeNoise[item.Cell] + edgeNoise[next]) / 2;
                    queue.Enqueue((next, item.County), (priority.Cost + (step / weights[item.County]), next));
                }
            }
        }
        return owner;
    }

    private static bool TouchesFrame(Envelope e) =>
        e.MinX <= Frame.MinX + 1 || e.MaxX >= Frame.MaxX - 1 || e.MinY <= Frame.MinY + 1 || e.MaxY >= Frame.MaxY - 1;

    private static int Nearest(List<Coordinate> sites, double x, double y)
    {
        var best = 0;
        for (var i = 1; i < sites.Count; i++)
        {
            if (Sq(sites[i].X - x) + Sq(sites[i].Y - y) < Sq(sites[best].X - x) + Sq(sites[best].Y - y))
            {
                best = i;
            }
        }
        return best;
    }

    private static double Sq(double v) => v * v;
}
