using System.Runtime.CompilerServices;
using Gengbao.Demo.Generation;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Gengbao.Demo.Partition;

/// <summary>Places Voronoi sites inside a polygon.</summary>
internal static class SeedPlacer
{
    /// <summary>
    /// <paramref name="count"/> well-spread sites inside <paramref name="parent"/> (k-means over random interior samples,
    /// each centre snapped to its nearest sample so it is inside even when the parent is concave), ordered by distance
    /// from <paramref name="centre"/> so the first units sit in the middle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Coordinate> Spread(Geometry parent, int count, DemoRandom random, Coordinate centre)
    {
        var samples = Sample(parent, Math.Clamp(30 * count, 150, 1_500), random);
        if (samples.Count < count)
        {
            throw new InvalidOperationException($"could not place {count} sites inside a polygon of {parent.Area:F0} m²");
        }
        var k = count;
        var centres = new List<Coordinate>(k);
        var chosen = new HashSet<int>();
        while (centres.Count < k)
        {
            var pick = random.Next(samples.Count);
            if (chosen.Add(pick))
            {
                centres.Add(samples[pick].Copy());
            }
        }
        var assignment = new int[samples.Count];
        for (var iteration = 0; iteration < 8; iteration++)
        {
            Assign(samples, centres, assignment);
            var sumX = new double[k];
            var sumY = new double[k];
            var n = new int[k];
            for (var i = 0; i < samples.Count; i++)
            {
                sumX[assignment[i]] += samples[i].X;
                sumY[assignment[i]] += samples[i].Y;
                n[assignment[i]]++;
            }
            for (var c = 0; c < k; c++)
            {
                if (n[c] > 0)
                {
                    centres[c] = new Coordinate(sumX[c] / n[c], sumY[c] / n[c]);
                }
            }
        }
        Assign(samples, centres, assignment);
        var sites = new List<Coordinate>(k);
        var used = new HashSet<int>();
        for (var c = 0; c < k; c++)
        {
            var best = Nearest(samples, centres[c], i => assignment[i] == c && !used.Contains(i));
            if (best < 0)
            {
                best = Nearest(samples, centres[c], i => !used.Contains(i));
            }
            used.Add(best);
            sites.Add(samples[best]);
        }
        return [.. sites.OrderBy(s => s.Distance(centre)).ThenBy(s => s.X)];
    }

    /// <summary>
    /// About <paramref name="count"/> sites on a jittered grid over the polygon: Voronoi cells of such sites have the
    /// 5–8 vertices and the moderate size spread of real land-use patches. Never empty.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Coordinate> JitteredGrid(Geometry parent, IPointOnGeometryLocator locator, int count, DemoRandom random)
    {
        var envelope = parent.EnvelopeInternal;
        var spacing = Math.Sqrt(parent.Area / Math.Max(1, count));
        var x0 = envelope.MinX - (random.NextDouble() * spacing);
        var y0 = envelope.MinY - (random.NextDouble() * spacing);
        var sites = new List<Coordinate>();
        for (var y = y0; y < envelope.MaxY; y += spacing)
        {
            for (var x = x0; x < envelope.MaxX; x += spacing)
            {
                var site = new Coordinate(
                    x + (spacing * (0.5 + random.Range(-0.42, 0.42))),
                    y + (spacing * (0.5 + random.Range(-0.42, 0.42))));
                if (locator.Locate(site) == Location.Interior)
                {
                    sites.Add(site);
                }
            }
        }
        if (sites.Count == 0)
        {
            sites.Add(parent.InteriorPoint.Coordinate);
        }
        return sites;
    }

    /// <summary>Uniform random points inside the polygon.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Coordinate> Sample(Geometry parent, int count, DemoRandom random)
    {
        var locator = new IndexedPointInAreaLocator(parent);
        var envelope = parent.EnvelopeInternal;
        var samples = new List<Coordinate>(count);
        for (var attempt = 0; samples.Count < count && attempt < count * 200; attempt++)
        {
            var point = new Coordinate(random.Range(envelope.MinX, envelope.MaxX), random.Range(envelope.MinY, envelope.MaxY));
            if (locator.Locate(point) == Location.Interior)
            {
                samples.Add(point);
            }
        }
        if (samples.Count == 0)
        {
            samples.Add(parent.InteriorPoint.Coordinate);
        }
        return samples;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Nearest(List<Coordinate> samples, Coordinate target, Func<int, bool> allowed)
    {
        var best = -1;
        var bestDistance = double.MaxValue;
        for (var i = 0; i < samples.Count; i++)
        {
            var d = samples[i].Distance(target);
            if (d < bestDistance && allowed(i))
            {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Assign(List<Coordinate> samples, List<Coordinate> centres, int[] assignment)
    {
        for (var i = 0; i < samples.Count; i++)
        {
            var best = 0;
            var bestDistance = double.MaxValue;
            for (var c = 0; c < centres.Count; c++)
            {
                var dx = samples[i].X - centres[c].X;
                var dy = samples[i].Y - centres[c].Y;
                var d = (dx * dx) + (dy * dy);
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = c;
                }
            }
            assignment[i] = best;
        }
    }
}
