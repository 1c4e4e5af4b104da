using Gengbao.Demo.Generation;

namespace Gengbao.Demo.Tests;

/// <summary>Every generated shape is valid, also where the 2.4-million-patch prefecture once made a self-intersection.</summary>
public sealed class VillageValidityTests
{
    [Fact]
    public void TheVillageThatOnceGotASelfIntersectingPatchAtTwoPointFourMillionIsValidNow()
    {
        // bench/run ledger --size 2400000 (seed 1), 2026-12-06: demo-2023.gpkg DLTB feature 1254935 and YJJBNT feature
        // 506980 of village 622924100207 (ZLDWDM 6229241002070040000), a 7-vertex 0102 patch with a spike crossing
        // itself: "invalid polygon: Self-intersection at (34647781.831 3924547.895)".
        var model = AdminBuilder.Build(1, null);
        PatchAllocator.Allocate(model, 2_400_000, 1);
        var (county, township, village) = model.Counties
            .SelectMany(c => c.Children.SelectMany(t => t.Children.Select(v => (c, t, v))))
            .Single(x => x.v.Code == "622924100207");

        var result = VillageGenerator.Generate(county, township, village, new LandUseField(1), 1);

        var shapes = result.Year2023.Concat(result.Year2024).Concat(result.Farmland).Select(p => p.Geometry)
            .Concat(result.Changes.Select(c => c.Geometry)).Concat(result.Approvals.Select(a => a.Geometry))
            .Concat(result.Projects.Select(p => p.Geometry)).ToList();
        Assert.NotEmpty(result.Year2023);
        var invalid = shapes.Where(s => !s.IsValid).Select(s => s.InteriorPoint.ToText()).ToList();
        Assert.True(invalid.Count == 0, $"{invalid.Count} invalid shapes in village {village.Code}: {string.Join("; ", invalid)}");
        // The repaired cell is still part of a tiling of the village: no land lost or doubled.
        var tiled = result.Year2023.Sum(p => p.Geometry.Area);
        Assert.InRange(tiled, village.Geometry.Area * 0.9999, village.Geometry.Area * 1.0001);
    }
}
