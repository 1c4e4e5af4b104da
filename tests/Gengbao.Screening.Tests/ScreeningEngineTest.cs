using Gengbao.Geo.Area;
using static Gengbao.Screening.Tests.ScreeningTestCase;

namespace Gengbao.Screening.Tests;

/// <summary>The engine's contract beyond the rule table: areas, errors, reasons, configurable rules, determinism.</summary>
public sealed class ScreeningEngineTest
{
    private const string Square = "POLYGON((0 0,100 0,100 100,0 100,0 0))";
    private const string Around = "POLYGON((-50 -50,150 -50,150 150,-50 150,-50 -50))";

    private static readonly ScreeningEngine Engine = new(Zone);

    [Fact]
    public void PatchAreaIsTheGeodesicAreaOfThePatch()
    {
        var patch = Patch(Square);
        var result = Engine.Screen(patch, ScreeningLayers.Empty);
        var expected = GeodesicArea.OfGeographic(Geo.Crs.GeometryReprojector.ToGeographic(patch.Geometry, Zone));
        Assert.Equal(expected, result.PatchArea);
        // 100 km from the central meridian the grid scale is ≈ 1.000123, so 10 000 m² on the grid are ≈ 10 000 / 1.000246 on the ellipsoid.
        CheckEqual(9997.53, result.PatchArea, 0.01, "a 100 m grid square 100 km from the central meridian");
    }

    [Fact]
    public void OfficialAreaMethodAgreesWithTheGeodesicToAFewPpm()
    {
        var official = new ScreeningEngine(Zone, new ScreeningRules { AreaMethod = ScreeningAreaMethod.Official });
        var layers = new ScreeningLayers([new LandPatch(1, "0103", Read(Around))], [], [], []);
        var g = Engine.Screen(Patch(Square), layers);
        var o = official.Screen(Patch(Square), layers);
        Assert.InRange((o.PatchArea / g.PatchArea - 1) * 1e6, -5, 5);
        Assert.NotEqual(o.PatchArea, g.PatchArea);
        Assert.Equal(o.PatchArea, o.CultivatedArea);
    }

    [Fact]
    public void PiecesThatAlsoTouchAlongAnEdgeAreMeasuredByTheirPolygons()
    {
        // The parcel overlaps the left half of the patch and, with its second part, only touches the patch's right
        // edge: the intersection holds a polygon and a line. Two overlapping approvals make the engine intersect that
        // piece with their union, which a mixed-dimension input used to break (found on a 300,000-patch demo county).
        var parcel = "MULTIPOLYGON(((0 0,50 0,50 100,0 100,0 0)),((100 0,150 0,150 100,100 100,100 0)))";
        var layers = new ScreeningLayers([new LandPatch(1, "0103", Read(parcel))], [], [],
        [
            new Approval(1, "批1", "NZY", Read("POLYGON((-10 -10,30 -10,30 110,-10 110,-10 -10))")),
            new Approval(2, "批2", "NZY", Read("POLYGON((20 -10,40 -10,40 110,20 110,20 -10))")),
        ]);
        var result = Engine.Screen(Patch(Square), layers);
        var half = result.PatchArea / 2;
        CheckEqual(half, result.CultivatedArea, 0.01, "the left half is cultivated (to the grid-scale change across it); the touching edge adds nothing");
        CheckEqual(half * 0.2, result.UnapprovedCultivatedArea, 0.01, "approvals cover x 0..40 of the cultivated 0..50");
    }

    [Fact]
    public void InvalidPatchNamesLayerAndFeature()
    {
        var bowTie = new ChangePatch(42, "P42", Read("POLYGON((0 0,100 100,100 0,0 100,0 0))"), "0103", "0702");
        var e = Assert.Throws<ScreeningInputException>(() => Engine.Screen(bowTie, ScreeningLayers.Empty));
        Assert.Equal(ScreeningLayer.ChangePatches, e.Layer);
        Assert.Equal(42, e.FeatureId);
        Assert.StartsWith("invalid geometry: Self-intersection at (", e.Problem);
    }

    [Fact]
    public void InvalidReferenceParcelIsReportedWhenAnOverlayNeedsIt()
    {
        var layers = new ScreeningLayers([new LandPatch(7, "0103", Read("POLYGON((50 -50,150 150,150 -50,50 150,50 -50))"))], [], [], []);
        var e = Assert.Throws<ScreeningInputException>(() => Engine.Screen(Patch(Square), layers));
        Assert.Equal(ScreeningLayer.Land, e.Layer);
        Assert.Equal(7, e.FeatureId);
        Assert.Contains("Self-intersection", e.Problem);
    }

    [Fact]
    public void ReasonNamesUnapprovedCultivatedLandAndEachApprovalWithItsShare()
    {
        var layers = new ScreeningLayers(
            [new LandPatch(1, "0103", Read(Around))],
            [new FarmlandPatch(2, Read("POLYGON((0 0,30 0,30 100,0 100,0 0))"))],
            [],
            [
                new Approval(3, "临夏政土批〔2015〕105号", "NZY", Read("POLYGON((55 -10,110 -10,110 110,55 110,55 -10))")),
                new Approval(4, "临夏政土批〔2016〕7号", "GD", Read("POLYGON((80 -10,110 -10,110 110,80 110,80 -10))")),
            ]);
        var r = Engine.Screen(Patch(Square), layers);

        Assert.Equal(ScreeningClass.Yellow, r.Class);
        CheckEqual(0.45, r.ApprovedArea / r.PatchArea, 1e-5, "union of the approvals");
        CheckEqual(0.55, r.UnapprovedCultivatedArea / r.PatchArea, 1e-5, "unapproved cultivated");
        CheckEqual(0.30, r.UnapprovedPermanentBasicFarmlandArea / r.PatchArea, 1e-5, "unapproved permanent basic farmland");
        Assert.Equal(["临夏政土批〔2015〕105号", "临夏政土批〔2016〕7号"], r.Approvals.Select(a => a.Number));
        Assert.Equal(["GD", "NZY"], r.ApprovedAreaByType.Select(t => t.Key));
        Assert.StartsWith($"未批占用耕地 {EllipsoidalArea.Round(r.UnapprovedCultivatedArea):F2} m²（其中永久基本农田 ", r.Reason);
        Assert.Contains("图斑 55.0% 未被批文覆盖；非农化 0103→0702", r.Reason);
        Assert.Contains("unapproved occupation of cultivated land", r.Reason);
        Assert.EndsWith("approvals: 临夏政土批〔2015〕105号 (NZY) covers 45.0%, 临夏政土批〔2016〕7号 (GD) covers 20.0%", r.Reason);
    }

    [Fact]
    public void GreenReasonSaysWhy()
    {
        var covered = Engine.Screen(Patch(Square), new ScreeningLayers([new LandPatch(1, "0103", Read(Around))], [], [],
            [new Approval(3, "A1", "NZY", Read(Around))]));
        Assert.Equal(ScreeningClass.Green, covered.Class);
        Assert.Contains("approvals cover 100.0% of the patch; approvals: A1 (NZY) covers 100.0%", covered.Reason);

        var noFarmland = Engine.Screen(Patch(Square), ScreeningLayers.Empty);
        Assert.Equal("未占用耕地 / occupies no cultivated land; approvals: none", noFarmland.Reason);
    }

    [Fact]
    public void RulesAreConfigurable()
    {
        var layers = new ScreeningLayers([new LandPatch(1, "0103", Read(Around))], [], [],
            [new Approval(3, "A1", "NZY", Read("POLYGON((0.4 -10,110 -10,110 110,0.4 110,0.4 -10))"))]);
        Assert.Equal(ScreeningClass.Green, Engine.Screen(Patch(Square), layers).Class);
        var strict = new ScreeningEngine(Zone, new ScreeningRules { UncoveredShare = 0.001 });
        Assert.Equal(ScreeningClass.Yellow, strict.Screen(Patch(Square), layers).Class);
    }

    [Fact]
    public void ResultsKeepInputOrderAndDoNotDependOnThreads()
    {
        var layers = new ScreeningLayers(
            [new LandPatch(1, "0103", Read("POLYGON((0 0,500 0,500 500,0 500,0 0))"))], [], [],
            [new Approval(2, "A1", "NZY", Read("POLYGON((250 0,500 0,500 500,250 500,250 0))"))]);
        var patches = Enumerable.Range(0, 40).Select(i =>
        {
            var x = 12 * i;
            return Patch($"POLYGON(({x} 10,{x + 30} 10,{x + 30} 40,{x} 40,{x} 10))", id: i, number: $"P{39 - i:00}");
        }).ToList();

        var one = Engine.Screen(patches, layers, threads: 1);
        var four = Engine.Screen(patches, layers, threads: 4);

        Assert.Equal(patches.Select(p => p.Id), one.Select(r => r.Id));
        Assert.Equal(one, four, ResultComparer.Instance);
    }

    /// <summary>Records hold lists, which compare by reference; results are equal when every value is.</summary>
    internal sealed class ResultComparer : IEqualityComparer<PatchScreening>
    {
        public static readonly ResultComparer Instance = new();

        public bool Equals(PatchScreening? a, PatchScreening? b) =>
            a is not null && b is not null
            && (a with { Approvals = [], ApprovedAreaByType = [] }) == (b with { Approvals = [], ApprovedAreaByType = [] })
            && a.Approvals.SequenceEqual(b.Approvals) && a.ApprovedAreaByType.SequenceEqual(b.ApprovedAreaByType);

        public int GetHashCode(PatchScreening obj) => obj.Id.GetHashCode();
    }
}
