using Gengbao.Demo.Partition;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Gengbao.Demo.Generation;

/// <summary>
/// Generates everything inside one village: the 2023 land-use patches tiling each group, the 2024 change patches and
/// the 2024 patches with those changes applied, permanent basic farmland, a high-standard farmland project and the
/// approvals. Depends only on the village, its parents and the seed, so villages can run in parallel in any order.
/// </summary>
internal static partial class VillageGenerator
{
    /// <summary>Pieces a concave group cuts off a cell are kept as patches when at least this share of a typical patch.</summary>
    private const double KeepPieceShare = 0.15;

    public static VillageResult Generate(AdminUnit county, AdminUnit township, AdminUnit village, LandUseField field, int seed)
    {
        var result = new VillageResult(county, village);
        var landUse = new VillageLandUse(field, county, township, village);
        var random = DemoRandom.For(seed, "village " + village.Code);

        var urban = new List<bool>();
        for (var g = 0; g < village.Children.Count; g++)
        {
            var cut = CutGroup(village.Children[g], random);
            foreach (var (shape, spacing) in cut)
            {
                var centre = shape.Centroid.Coordinate;
                result.Year2023.Add(new Patch(shape, landUse.Classify(centre.X, centre.Y, spacing), g, OfficialArea.Of(shape)));
                urban.Add(landUse.IsUrban(centre.X, centre.Y));
            }
        }

        var changes = PlaceChanges(result, random);
        ApplyChanges(result, changes);
        AddFarmland(result, urban, field);
        AddProject(result, urban, random);
        AddApprovals(result, random);
        return result;
    }

    /// <summary>
    /// Cuts a group into about <see cref="AdminUnit.PatchCount"/> patches: Voronoi cells of jittered-grid sites clipped to the
    /// group. Returns each patch with the typical patch size (m across) used to scale linear features.
    /// </summary>
    private static List<(Geometry Shape, double Spacing)> CutGroup(AdminUnit group, DemoRandom random)
    {
        var count = Math.Max(1, group.PatchCount);
        var spacing = Math.Sqrt(group.Geometry.Area / count);
        var shapes = new List<Geometry>();
        if (count == 1)
        {
            shapes.Add(group.Geometry);
        }
        else
        {
            var locator = new IndexedPointInAreaLocator(group.Geometry);
            var sites = SeedPlacer.JitteredGrid(group.Geometry, locator, count, random);
            if (sites.Count == 1)
            {
                shapes.Add(group.Geometry);
            }
            else
            {
                var pieces = VoronoiPartition.Pieces(group.Geometry, PreparedGeometryFactory.Prepare(group.Geometry), sites);
                var fragments = new List<Polygon>();
                foreach (var cell in pieces)
                {
                    for (var i = 0; i < cell.Count; i++)
                    {
                        if (i == 0 || cell[i].Area >= KeepPieceShare * spacing * spacing)
                        {
                            shapes.Add(cell[i]);
                        }
                        else
                        {
                            fragments.Add(cell[i]);
                        }
                    }
                }
                foreach (var fragment in fragments)
                {
                    if (VoronoiPartition.MergeIntoNeighbour(shapes, fragment) < 0)
                    {
                        shapes.Add(fragment);
                    }
                }
            }
        }
        return [.. shapes.Select(s => (s, spacing))];
    }
}
