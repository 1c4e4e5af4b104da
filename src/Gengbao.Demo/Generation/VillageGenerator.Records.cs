using Gengbao.Demo.Partition;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Buffer;

namespace Gengbao.Demo.Generation;

internal static partial class VillageGenerator
{
    private static readonly DateOnly FirstApproval = new(2015, 1, 1);
    private static readonly BufferParameters ApprovalBuffer = new() { QuadrantSegments = 2, JoinStyle = NetTopologySuite.Operation.Buffer.JoinStyle.Mitre };

    /// <summary>Permanent basic farmland: about four in five cultivated patches outside towns, in clusters; same geometry.</summary>
    private static void AddFarmland(VillageResult result, List<bool> urban, LandUseField field)
    {
        for (var i = 0; i < result.Year2023.Count; i++)
        {
            var patch = result.Year2023[i];
            if (!LandClass.IsCultivated(patch.Dlbm) || urban[i])
            {
                continue;
            }
            var centre = patch.Geometry.Centroid.Coordinate;
            if (field.Protection.Uniform(centre.X, centre.Y) < 0.82)
            {
                result.Farmland.Add(patch);
            }
        }
    }

    /// <summary>
    /// A high-standard farmland project in two of five villages with enough farmland: the cultivated patches nearest the
    /// cultivated patch closest to the village's cultivated centre of mass, until 60–350 ha (at most 80 % of the
    /// village's farmland), merged, like the sample's project areas (all cultivated, often in a few parts). One project
    /// per village at most, so projects never overlap.
    /// </summary>
    private static void AddProject(VillageResult result, List<bool> urban, DemoRandom random)
    {
        var patches = result.Year2023;
        var cultivated = Enumerable.Range(0, patches.Count).Where(i => LandClass.IsCultivated(patches[i].Dlbm) && !urban[i]).ToList();
        var cultivatedArea = cultivated.Sum(i => patches[i].Area);
        if (cultivatedArea < 400_000 || !random.Chance(0.4))
        {
            return;
        }
        var centres = cultivated.ToDictionary(i => i, i => patches[i].Geometry.Centroid.Coordinate);
        var mass = new Coordinate(
            cultivated.Sum(i => centres[i].X * patches[i].Area) / cultivatedArea,
            cultivated.Sum(i => centres[i].Y * patches[i].Area) / cultivatedArea);
        var centre = centres[cultivated.MinBy(i => centres[i].Distance(mass))];
        var target = Math.Min(random.Range(600_000, 3_500_000), 0.8 * cultivatedArea);
        var year = random.Between(2011, 2023);
        var chosen = new List<int>();
        var area = 0.0;
        foreach (var i in cultivated.OrderBy(i => centres[i].Distance(centre)).ThenBy(i => i))
        {
            chosen.Add(i);
            area += patches[i].Area;
            if (area >= target)
            {
                break;
            }
        }
        // Patches of one group come from one Voronoi diagram and share their edges exactly, so each group's share
        // merges as a coverage in linear time; only the few group pieces need a full overlay union.
        var pieces = chosen.GroupBy(i => patches[i].Group)
            .Select(g => Geom.UnionCoverage(g.Select(i => patches[i].Geometry).ToList()))
            .ToList();
        var geometry = Polygonal(pieces.Count == 1 ? pieces[0] : Geom.UnionAll(pieces));
        result.Projects.Add(new Project(geometry, year, OfficialArea.Of(geometry)));
    }

    /// <summary>
    /// Approvals: about half the construction changes are covered by a land-conversion (NZY) or supply (GD) approval,
    /// some only in part (the approval was drawn elsewhere); greenhouse yards get facility-land records (SSNYD), mines
    /// temporary-use approvals (LSYD). A conversion is often followed by a supply approval over the same land, so
    /// approvals overlap. A few more approvals lie where nothing changed (approved, not yet built).
    /// </summary>
    private static void AddApprovals(VillageResult result, DemoRandom random)
    {
        foreach (var change in result.Changes)
        {
            var (full, partial, type) = change.After switch
            {
                LandClass.Homestead or LandClass.Logistics or LandClass.Highway or LandClass.Industrial or LandClass.Commercial
                    or LandClass.Education or LandClass.RuralRoad => (0.5, 0.15, random.Chance(0.65) ? "NZY" : "GD"),
                LandClass.Facility => (0.6, 0.1, "SSNYD"),
                LandClass.Mining => (0.45, 0.1, random.Chance(0.6) ? "LSYD" : "NZY"),
                _ => (0.0, 0.0, ""),
            };
            var roll = random.NextDouble();
            if (roll >= full + partial)
            {
                continue;
            }
            var geometry = change.Geometry;
            if (roll >= full)
            {
                var size = Math.Sqrt(change.Geometry.Area);
                var angle = random.Range(0, 2 * Math.PI);
                var distance = random.Range(0.4, 0.8) * size;
                geometry = Shapes.Shift(geometry, distance * Math.Cos(angle), distance * Math.Sin(angle));
            }
            geometry = Polygonal(BufferOp.Buffer(geometry, random.Range(2, 15), ApprovalBuffer));
            var date = Earlier(change.Detected, random);
            result.Approvals.Add(new Approval(geometry, type, date, OfficialArea.Of(geometry)));
            if (type == "NZY" && roll < full && random.Chance(0.35))
            {
                var supply = Polygonal(BufferOp.Buffer(change.Geometry, random.Range(1, 8), ApprovalBuffer));
                var supplied = date.AddDays(random.Between(30, 200));
                result.Approvals.Add(new Approval(supply, "GD", supplied < change.Detected ? supplied : change.Detected.AddDays(-1),
                    OfficialArea.Of(supply)));
            }
        }

        var patches = result.Year2023;
        var land = Enumerable.Range(0, patches.Count).Where(i => !LandClass.IsWater(patches[i].Dlbm)).ToList();
        var extra = random.RoundStochastic((0.3 * result.Changes.Count) + (patches.Count / 400.0));
        for (var n = 0; n < extra && land.Count > 0; n++)
        {
            var centre = patches[land[random.Next(land.Count)]].Geometry.Centroid.Coordinate;
            var shape = Shapes.Blob(centre, random.Range(1_000, 25_000), random);
            var type = random.Pick([45, 25, 18, 12]) switch
            {
                0 => "NZY",
                1 => "GD",
                2 => "SSNYD",
                _ => "LSYD",
            };
            var date = FirstApproval.AddDays(random.Next(3_590));
            result.Approvals.Add(new Approval(shape, type, date, OfficialArea.Of(shape)));
        }
    }

    private static DateOnly Earlier(DateOnly detected, DemoRandom random)
    {
        var date = detected.AddDays(-random.Between(10, 1_100));
        return date < FirstApproval ? FirstApproval.AddDays(random.Next(60)) : date;
    }

    private static Geometry Polygonal(Geometry geometry) => Geom.Polygonal(Geom.Polygons(geometry));
}
