using Gengbao.Ledger.Accounts;
using Gengbao.Ledger.Balance;

namespace Gengbao.Ledger.Tests.Accounts;

public sealed class LedgerBuilderTests
{
    private static readonly StockAccount Before = new(0, 0, 10_000.00m, 3, 5_000m, 0, 10_000.00m);

    private static UnitLedger Build(StockAccount after, params (string From, string To, decimal Area)[] rows) =>
        LedgerBuilder.Build("622921100201", "村", 2024, after, 2023, Before, rows.Select(r => new LandTransfer(r.From, r.To, r.Area)), 100m, []);

    [Fact]
    public void FlowsByClassAndTheIdentityHoldWithinTheAreaMethod()
    {
        // 10 000 m² of dry land (official); the matrix sees 9 999.98 m² of it (geodesic): 300 built on, 200 to orchard,
        // 50 to pond, 100 turned 0103 → 0101 (inside the total), and 120 of forest reclaimed.
        var ledger = Build(new StockAccount(100m, 0, 9_470.00m, 3, 5_000m, 0, 9_570m),
            ("0103", "0103", 9_349.98m), ("0103", "0101", 100m), ("0103", "0702", 300m), ("0103", "0201", 200m),
            ("0103", "1104", 50m), ("0301", "0103", 120m), ("0301", "0301", 4_000m));

        Assert.Equal(300m, ledger.Outflow![FlowClass.Construction]);
        Assert.Equal(200m, ledger.Outflow[FlowClass.Garden]);
        Assert.Equal(50m, ledger.Outflow[FlowClass.Pond]);
        Assert.Equal(550m, ledger.Outflow.Total);
        Assert.Equal(120m, ledger.Inflow![FlowClass.Forest]);
        var identity = ledger.Identity!;
        Assert.Equal(9_999.98m, identity.BeforeMatrix);
        Assert.Equal(9_569.98m, identity.AfterMatrix);
        Assert.Equal(0.00m, identity.Gap - (identity.AfterDifference - identity.BeforeDifference));
        Assert.Equal(0.00m, identity.Gap); // 9 570 − (10 000 + 120 − 550)
        Assert.True(identity.IsExplainedByAreaMethod);
    }

    [Fact]
    public void AGapBeyondTheAreaMethodIsExplainedAsAttribution()
    {
        // 1 000 m² now counted in this village that the matrix places in another one (ZLDWDM changed).
        var ledger = Build(new StockAccount(0, 0, 11_000m, 4, 5_000m, 0, 11_000m), ("0103", "0103", 10_000m));
        Assert.Equal(1_000m, ledger.Identity!.Gap);
        Assert.Equal(1_000m, ledger.Identity.AfterDifference);
        Assert.False(ledger.Identity.IsExplainedByAreaMethod);
        Assert.Contains("单位归属变化", ledger.Identity.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheComparisonThereAreNoFlowsAndTheReasonIsKept()
    {
        var ledger = LedgerBuilder.Build("622921000000", "临夏县", 2024, Before, 2023, Before, null, 0, ["comparison missing"]);
        Assert.Null(ledger.Inflow);
        Assert.Null(ledger.Identity);
        Assert.Null(BalanceCheck.Of(ledger));
        Assert.Equal(["comparison missing"], ledger.Missing);
    }

    [Fact]
    public void BalancesFlagShortfalls()
    {
        var ledger = Build(new StockAccount(0, 0, 9_700m, 3, 5_000m, 0, 9_700m),
            ("0103", "0103", 9_500m), ("0103", "0702", 400m), ("0103", "0301", 100m), ("1206", "0103", 150m), ("0201", "0103", 150m));
        var checks = BalanceCheck.Of(ledger)!;
        var occupation = checks.Single(c => c.Kind == BalanceKind.OccupationCompensation);
        Assert.Equal((400m, 150m, 250m, false, 100m), (occupation.Out, occupation.In, occupation.Shortfall, occupation.Balanced, occupation.Recorded));
        var inOut = checks.Single(c => c.Kind == BalanceKind.InOut);
        Assert.Equal((100m, 150m, 0m, true), (inOut.Out, inOut.In, inOut.Shortfall, inOut.Balanced));
    }
}
