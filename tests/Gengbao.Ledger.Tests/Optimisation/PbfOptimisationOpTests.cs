using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using Gengbao.Ledger.Optimisation;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gengbao.Ledger.Tests.Optimisation;

/// <summary>Small hand-made cases in CGCS2000 zone 34 (EPSG:4522, easting with the zone prefix), squares given by
/// their south-west corner in metres from an origin near 临夏 and their side.</summary>
public sealed class PbfOptimisationOpTests
{
    private static readonly GaussKrugerZone Zone = CgcsCrs.GetZone(4522);
    private static readonly WKTReader Wkt = new();
    private const double X0 = 34_600_000, Y0 = 3_930_000;

    private static Geometry Square(double x, double y, double side) => Wkt.Read(
        FormattableString.Invariant($"POLYGON(({X0 + x} {Y0 + y}, {X0 + x + side} {Y0 + y}, {X0 + x + side} {Y0 + y + side}, {X0 + x} {Y0 + y + side}, {X0 + x} {Y0 + y}))"));

    private static Geometry Geo(Geometry metric) => GeometryReprojector.ToGeographic(metric, Zone);

    private static PbfParcel Parcel(long fid, Geometry shape) =>
        new(fid, $"B{fid}", "622921100201", (decimal)EllipsoidalArea.Round(EllipsoidalArea.OfGaussKruger(shape, Zone)), shape, Geo(shape));

    private static PbfOptimisation Run(IReadOnlyList<PbfParcel> parcels, PbfOptimisationOptions? options = null,
        Geometry[]? steep = null, Geometry[]? cultivated = null, HighStandardProject[]? hsf = null, ExclusionLayer[]? layers = null) =>
        PbfOptimisationOp.Run(new PbfOptimisationInput(parcels, steep ?? [], cultivated ?? [], hsf ?? [], layers ?? []), options ?? new PbfOptimisationOptions());

    [Fact]
    public void BlocksJoinTouchingShapesAndShapesWithinTheGap()
    {
        // A touches B; C is 3 m east of B; D is 20 m east of C.
        Geometry[] shapes = [Square(0, 0, 50), Square(50, 0, 50), Square(103, 0, 50), Square(173, 0, 50)];
        Assert.Equal([0, 0, 1, 2], ContiguityOp.Blocks(shapes, 0));
        Assert.Equal([0, 0, 0, 1], ContiguityOp.Blocks(shapes, 5));
        Assert.Equal([0, 0, 0, 0], ContiguityOp.Blocks(shapes, 20));
        Assert.Empty(ContiguityOp.Blocks([], 5));
    }

    [Fact]
    public void ParcelsOfABlockBelowTheThresholdAreFragmentsWhateverTheirOwnSize()
    {
        // Block 1: two touching 80 m squares (12 800 m²) stay; block 2: a 60 m and a 40 m square 2 m apart
        // (5 200 m² together) are fragments; block 3: a lone 30 m square is a fragment.
        var parcels = new[]
        {
            Parcel(1, Square(0, 0, 80)), Parcel(2, Square(80, 0, 80)),
            Parcel(3, Square(0, 500, 60)), Parcel(4, Square(62, 500, 40)),
            Parcel(5, Square(1000, 1000, 30)),
        };
        var result = Run(parcels);
        Assert.Equal([3L, 4L, 5L], result.Withdraw.Select(w => w.Fid));
        Assert.All(result.Withdraw, w => Assert.Equal(WithdrawReasons.Fragment, w.Reasons));
        Assert.Equal([2, 2, 3], result.Withdraw.Select(w => w.Block));
        Assert.Equal(parcels[2].OfficialArea + parcels[3].OfficialArea, result.Withdraw[0].BlockArea);
        Assert.Equal(parcels[2].OfficialArea + parcels[3].OfficialArea + parcels[4].OfficialArea, result.WithdrawArea(WithdrawReasons.Fragment));
        // With touching only, the 40 m square is a block of its own; with a 0.3 ha threshold only it and the lone one go.
        Assert.Equal([3L, 4L, 5L], Run(parcels, new PbfOptimisationOptions { GapMetres = 0 }).Withdraw.Select(w => w.Fid));
        Assert.Equal([5L], Run(parcels, new PbfOptimisationOptions { MinBlockArea = 3_000m }).Withdraw.Select(w => w.Fid));
        Assert.Equal([4L, 5L], Run(parcels, new PbfOptimisationOptions { MinBlockArea = 3_000m, GapMetres = 0 }).Withdraw.Select(w => w.Fid));
    }

    [Fact]
    public void MostlySteepParcelsAndParcelsInsideGivenLayersAreCandidates()
    {
        // One large block of three 100 m squares. Steep land covers 60 % of the first, 40 % of the second;
        // a polluted layer (two overlapping polygons) covers all of the third and 5 % of the second, a fragile one 15 % of the third.
        var parcels = new[] { Parcel(1, Square(0, 0, 100)), Parcel(2, Square(100, 0, 100)), Parcel(3, Square(200, 0, 100)) };
        Geometry[] steep = [Geo(Wkt.Read(Rect(40, 0, 140, 100)))];
        var polluted = new ExclusionLayer("polluted.gpkg:WR", ExclusionKind.Polluted, [Geo(Wkt.Read(Rect(195, -10, 260, 110))), Geo(Wkt.Read(Rect(250, -10, 310, 110)))]);
        var fragile = new ExclusionLayer("fragile.geojson", ExclusionKind.Fragile, [Geo(Wkt.Read(Rect(285, 0, 300, 100)))]);
        var result = Run(parcels, steep: steep, layers: [polluted, fragile]);
        Assert.Equal([1L, 3L], result.Withdraw.Select(w => w.Fid));
        Assert.Equal(WithdrawReasons.SteepSlope, result.Withdraw[0].Reasons);
        Assert.Equal(0.6, result.Withdraw[0].SteepShare, 3);
        Assert.Equal(WithdrawReasons.Polluted, result.Withdraw[1].Reasons);
        Assert.Equal("polluted.gpkg:WR", result.Withdraw[1].Layers);
        Assert.Equal([1L, 2L, 3L], Run(parcels, new PbfOptimisationOptions { MinShareInside = 0.1 }, steep, layers: [polluted, fragile]).Withdraw.Select(w => w.Fid));
        Assert.Equal(WithdrawReasons.Polluted | WithdrawReasons.Fragile,
            Run(parcels, new PbfOptimisationOptions { MinShareInside = 0.1 }, steep, layers: [polluted, fragile]).Withdraw[2].Reasons);
    }

    private static string Rect(double x1, double y1, double x2, double y2) => FormattableString.Invariant(
        $"POLYGON(({X0 + x1} {Y0 + y1}, {X0 + x2} {Y0 + y1}, {X0 + x2} {Y0 + y2}, {X0 + x1} {Y0 + y2}, {X0 + x1} {Y0 + y1}))");

    [Fact]
    public void HighStandardFarmlandOnCultivatedLandOutsidePbfIsAnAddCandidate()
    {
        // Project 200 × 100 m; cultivated land under its west 150 m; PBF covers its west 50 m. Candidate: the
        // 100 × 100 m strip between, with the official area of that strip.
        var project = new HighStandardProject(7, "XM-7", "示范项目", Geo(Wkt.Read(Rect(0, 0, 200, 100))));
        var cultivated = new[] { Geo(Wkt.Read(Rect(-10, -10, 80, 110))), Geo(Wkt.Read(Rect(80, -10, 150, 110))) };
        var parcels = new[] { Parcel(1, Wkt.Read(Rect(-20, -20, 50, 120))) };
        var result = Run(parcels, cultivated: cultivated, hsf: [project]);
        var add = Assert.Single(result.Add);
        Assert.Equal("XM-7", add.ProjectNo);
        var expected = EllipsoidalArea.Round(EllipsoidalArea.OfGaussKruger(Wkt.Read(Rect(50, 0, 150, 100)), Zone));
        Assert.InRange((double)add.Area, expected - 0.05, expected + 0.05);
        // Cultivated land that only touches the project's edge leaves a line in the intersection, not a candidate.
        var touching = new[] { cultivated[0], cultivated[1], Geo(Wkt.Read(Rect(200, 0, 260, 100))) };
        Assert.Equal(add.Area, Assert.Single(Run(parcels, cultivated: touching, hsf: [project]).Add).Area);
        // A self-intersecting copy of the project (a bow tie over the same strip) is repaired, not refused.
        var bowTie = new HighStandardProject(8, "XM-8", "自相交", Geo(Wkt.Read(FormattableString.Invariant(
            $"POLYGON(({X0 + 60} {Y0}, {X0 + 140} {Y0 + 100}, {X0 + 140} {Y0}, {X0 + 60} {Y0 + 100}, {X0 + 60} {Y0}))"))));
        Assert.False(bowTie.Geographic.IsValid);
        Assert.InRange((double)Assert.Single(Run(parcels, cultivated: cultivated, hsf: [bowTie]).Add).Area, 3_900, 4_100);
        // Entirely inside PBF or off cultivated land: no candidate.
        Assert.Empty(Run([Parcel(1, Wkt.Read(Rect(-20, -20, 220, 120)))], cultivated: cultivated, hsf: [project]).Add);
        Assert.Empty(Run(parcels, hsf: [project]).Add);
    }

    [Fact]
    public void StatisticsBinBlocksBySizeAndGiveTheShareInLargeBlocks()
    {
        // Blocks: 2 ha (two touching 100 m squares), 0.36 ha, 0.09 ha.
        var parcels = new[] { Parcel(1, Square(0, 0, 100)), Parcel(2, Square(100, 0, 100)), Parcel(3, Square(0, 500, 60)), Parcel(4, Square(900, 900, 30)) };
        var stats = Run(parcels).Contiguity;
        Assert.Equal((4, 3), (stats.Parcels, stats.Blocks));
        Assert.Equal(parcels.Sum(p => p.OfficialArea), stats.Area);
        Assert.Equal([2, 1, 0, 0, 0], stats.Bins.Select(b => b.Blocks));
        Assert.Equal([2, 2, 0, 0, 0], stats.Bins.Select(b => b.Parcels));
        Assert.Null(stats.Bins[^1].To);
        var share = stats.Shares[0];
        Assert.Equal(10_000m, share.Threshold);
        Assert.Equal(parcels[0].OfficialArea + parcels[1].OfficialArea, share.Area);
        Assert.Equal((double)(share.Area / stats.Area), share.Share, 9);
        Assert.Equal(0, stats.Shares[1].Share);
        var empty = Run([]).Contiguity;
        Assert.Equal((0, 0, 0m), (empty.Parcels, empty.Blocks, empty.Area));
        Assert.All(empty.Shares, s => Assert.Equal(0, s.Share));
    }
}
