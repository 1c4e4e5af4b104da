using Gengbao.Demo.Partition;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Gengbao.Demo.Generation;

internal static partial class VillageGenerator
{
    /// <summary>One change patch per this many land-use patches (BHTB ≈ Size/60).</summary>
    private const double PatchesPerChange = 60;

    private static readonly DateOnly YearStart = new(2024, 1, 1);

    private sealed record PlacedChange(Geometry Geometry, string After, List<int> Patches);

    /// <summary>
    /// Places the 2024 change patches: 0.05–3 ha blobs centred mostly on cultivated land and often near a patch edge,
    /// so they cross patch boundaries; clipped to the village and never overlapping each other.
    /// </summary>
    private static List<PlacedChange> PlaceChanges(VillageResult result, DemoRandom random)
    {
        var patches = result.Year2023;
        var village = result.Village.Geometry;
        var cultivated = Enumerable.Range(0, patches.Count).Where(i => LandClass.IsCultivated(patches[i].Dlbm)).ToList();
        var land = Enumerable.Range(0, patches.Count).Where(i => !LandClass.IsWater(patches[i].Dlbm)).ToList();
        var count = random.RoundStochastic(patches.Count / PatchesPerChange);
        var placed = new List<PlacedChange>();
        var preparedVillage = count > 0 ? PreparedGeometryFactory.Prepare(village) : null;
        for (var n = 0; n < count && land.Count > 0; n++)
        {
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var basePatch = patches[cultivated.Count > 0 && random.Chance(0.85) ? cultivated[random.Next(cultivated.Count)] : land[random.Next(land.Count)]];
                var area = Math.Clamp(Math.Exp(Math.Log(2_500) + (0.9 * random.Normal())), 500, 30_000);
                var centroid = basePatch.Geometry.Centroid.Coordinate;
                var ring = basePatch.Geometry.Coordinates;
                var toward = ring[random.Next(ring.Length)];
                var t = random.Range(0.2, 1.05);
                var centre = new Coordinate(centroid.X + (t * (toward.X - centroid.X)), centroid.Y + (t * (toward.Y - centroid.Y)));
                var blob = Shapes.Blob(centre, area, random);
                Geometry geometry = blob;
                if (!preparedVillage!.ContainsProperly(blob))
                {
                    var clipped = Geom.Polygons(Geom.Intersection(blob, village));
                    if (clipped.Count == 0)
                    {
                        continue;
                    }
                    geometry = Geom.Polygonal(clipped);
                }
                if (geometry.Area < 0.3 * area || placed.Any(p => Overlaps(p.Geometry, geometry)))
                {
                    continue;
                }
                var touched = new List<int>();
                var byClass = new Dictionary<string, double>();
                for (var i = 0; i < patches.Count; i++)
                {
                    var patch = patches[i].Geometry;
                    if (!patch.EnvelopeInternal.Intersects(geometry.EnvelopeInternal))
                    {
                        continue;
                    }
                    var overlap = ConvexArea.IsConvex(patch)
                        ? ConvexArea.Overlap((Polygon)patch, geometry)
                        : Geom.Intersection(patch, geometry).Area;
                    // Below a square centimetre is grid noise along a shared edge, not coverage.
                    if (overlap > 1e-4)
                    {
                        touched.Add(i);
                        byClass[patches[i].Dlbm] = byClass.GetValueOrDefault(patches[i].Dlbm) + overlap;
                    }
                }
                // The former class (QSXDL) is the class covering most of the change patch.
                var before = byClass.Count == 0 ? basePatch.Dlbm
                    : byClass.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
                var after = ChangeTarget(before, random);
                placed.Add(new PlacedChange(geometry, after, touched));
                result.Changes.Add(new ChangePatch(geometry, Source(random), before, after, OfficialArea.Of(geometry),
                    YearStart.AddDays(random.Next(305))));
                break;
            }
        }
        return placed;
    }

    /// <summary>
    /// The 2024 patches: each 2023 patch minus the change patches, and each change patch cut by group as a new patch of
    /// its new class. Remnants under 2 m² (where a change edge runs along a patch edge) join the adjacent new patch.
    /// </summary>
    private static void ApplyChanges(VillageResult result, List<PlacedChange> changes)
    {
        var groups = result.Village.Children;
        var byPatch = new Dictionary<int, List<Geometry>>();
        foreach (var change in changes)
        {
            foreach (var i in change.Patches)
            {
                if (!byPatch.TryGetValue(i, out var list))
                {
                    byPatch[i] = list = [];
                }
                list.Add(change.Geometry);
            }
        }
        var pieces = groups.Select(_ => new List<Geometry>()).ToArray();
        var pieceClasses = groups.Select(_ => new List<string>()).ToArray();
        var preparedGroups = groups.Select(g => PreparedGeometryFactory.Prepare(g.Geometry)).ToArray();
        foreach (var change in changes)
        {
            for (var g = 0; g < groups.Count; g++)
            {
                if (!groups[g].Geometry.EnvelopeInternal.Intersects(change.Geometry.EnvelopeInternal))
                {
                    continue;
                }
                if (preparedGroups[g].ContainsProperly(change.Geometry))
                {
                    pieces[g].AddRange(Geom.Polygons(change.Geometry));
                    pieceClasses[g].AddRange(Enumerable.Repeat(change.After, change.Geometry.NumGeometries));
                    break;
                }
                foreach (var part in Geom.Polygons(Geom.Intersection(change.Geometry, groups[g].Geometry)))
                {
                    pieces[g].Add(part);
                    pieceClasses[g].Add(change.After);
                }
            }
        }
        var remnants = groups.Select(_ => new List<Patch>()).ToArray();
        foreach (var (patch, index) in result.Year2023.Select((p, i) => (p, i)))
        {
            if (!byPatch.TryGetValue(index, out var cutters))
            {
                remnants[patch.Group].Add(patch);
                continue;
            }
            var cutter = cutters.Count == 1 ? cutters[0] : Geom.UnionAll(cutters);
            foreach (var part in Geom.Polygons(Geom.Difference(patch.Geometry, cutter)))
            {
                if (part.Area < 2 && VoronoiPartition.MergeIntoNeighbour(pieces[patch.Group], part) >= 0)
                {
                    continue;
                }
                remnants[patch.Group].Add(new Patch(part, patch.Dlbm, patch.Group, OfficialArea.Of(part)));
            }
        }
        for (var g = 0; g < groups.Count; g++)
        {
            result.Year2024.AddRange(remnants[g]);
            for (var i = 0; i < pieces[g].Count; i++)
            {
                result.Year2024.Add(new Patch(pieces[g][i], pieceClasses[g][i], g, OfficialArea.Of(pieces[g][i])));
            }
        }
    }

    private static bool Overlaps(Geometry a, Geometry b) =>
        a.EnvelopeInternal.Intersects(b.EnvelopeInternal) && Geom.Intersection(a, b).Area > 0;

    /// <summary>Sources as in the sample: satellite enforcement, the annual change survey, dynamic farmland monitoring.</summary>
    private static string Source(DemoRandom random) => random.Pick([48, 31, 21]) switch
    {
        0 => "卫片执法",
        1 => "年度变更调查",
        _ => "耕地保护动态监测",
    };

    private static readonly (string Code, double Weight)[] FromCultivated =
    [
        (LandClass.Homestead, 24), (LandClass.Facility, 16), (LandClass.Logistics, 9), (LandClass.Highway, 8),
        (LandClass.Orchard, 8), (LandClass.Arbor, 6), (LandClass.Mining, 6), (LandClass.OtherGarden, 4), (LandClass.Pond, 4),
        (LandClass.Industrial, 4), (LandClass.Commercial, 3), (LandClass.OtherGrass, 3), (LandClass.RuralRoad, 3),
        (LandClass.Education, 2),
    ];

    private static readonly (string Code, double Weight)[] FromOther =
    [
        (LandClass.Irrigated, 16), (LandClass.Dry, 14), (LandClass.Homestead, 20), (LandClass.Facility, 10), (LandClass.Orchard, 8),
        (LandClass.Arbor, 8), (LandClass.Logistics, 6), (LandClass.Highway, 6), (LandClass.Mining, 5),
    ];

    /// <summary>
    /// The class after the change: cultivated land goes mostly to construction (homesteads, yards, roads) or to
    /// non-grain uses (orchards, forest, ponds, greenhouses); other land sometimes becomes cultivated (supplementary
    /// farmland), so comparing the years gives inflow as well as outflow. One in twenty is a false alarm (same class).
    /// </summary>
    private static string ChangeTarget(string before, DemoRandom random)
    {
        if (random.Chance(0.05))
        {
            return before;
        }
        var mix = LandClass.IsCultivated(before) ? FromCultivated : FromOther;
        Span<double> weights = stackalloc double[mix.Length];
        for (var i = 0; i < mix.Length; i++)
        {
            weights[i] = mix[i].Code == before ? 0 : mix[i].Weight;
        }
        return mix[random.Pick(weights)].Code;
    }
}
