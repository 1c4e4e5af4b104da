using Gengbao.Ledger.Accounts;
using Gengbao.Storage.Ledger;

namespace Gengbao.Storage.Tests.Ledger;

/// <summary>
/// The ledger of every unit of the demo prefecture and every year: the accounts add up, children add up to their
/// parent, and the numbers equal sums recomputed by independent PostGIS SQL.
/// </summary>
public sealed class LedgerQueryTests(DemoLedgerFixture demo) : IClassFixture<DemoLedgerFixture>
{
    [Fact]
    public async Task EveryUnitAndYearBalancesAndChildrenAddUpToTheirParent()
    {
        var query = new LedgerQuery(demo.DataSource);
        var checkedUnits = 0;
        foreach (var year in demo.Years)
        {
            var prefecture = await query.RunAsync("6229", year, withChildren: true);
            AssertSumOfChildren(prefecture);
            foreach (var county in prefecture.Children)
            {
                var townships = await query.RunAsync(county.UnitCode, year, withChildren: true);
                Assert.Equal(county, townships.Unit with { Missing = county.Missing }, LedgerComparer.Instance);
                AssertSumOfChildren(townships);
                foreach (var township in townships.Children)
                {
                    var villages = await query.RunAsync(township.UnitCode, year, withChildren: true);
                    AssertSumOfChildren(villages);
                    foreach (var unit in villages.Children.Append(township).Append(county))
                    {
                        AssertBalances(unit, year == demo.Years[0]);
                        checkedUnits++;
                    }
                }
            }
        }
        Assert.True(checkedUnits > 200, $"only {checkedUnits} units checked");
    }

    [Fact]
    public async Task StocksEqualIndependentSumsPerVillage()
    {
        var query = new LedgerQuery(demo.DataSource);
        foreach (var year in demo.Years)
        {
            var expected = await IndependentSql.VillageStocksAsync(demo.DataSource, year);
            var actual = new Dictionary<string, (decimal, long, decimal)>(StringComparer.Ordinal);
            foreach (var county in demo.Counties)
            {
                foreach (var township in (await query.RunAsync(county, year, true)).Children)
                {
                    foreach (var v in (await query.RunAsync(township.UnitCode, year, true)).Children)
                    {
                        actual[v.UnitCode] = (v.Stock.Cultivated, v.Stock.CultivatedCount, v.Stock.Pbf);
                    }
                }
            }
            Assert.True(expected.Count > 100);
            foreach (var (code, sums) in expected)
            {
                Assert.True(actual.TryGetValue(code, out var mine), $"village {code} has no ledger");
                Assert.Equal(sums, mine);
            }
        }
    }

    [Fact]
    public async Task StoredVillageStocksEqualTheRawPatchesAfterTheImportsAndComparisons()
    {
        // Written by the imports (migration 0019); the comparisons ran after them and must leave them as they are.
        Assert.True(await IndependentSql.CountAsync(demo.DataSource, "ledger_cultivated_village") > 100);
        Assert.True(await IndependentSql.CountAsync(demo.DataSource, "ledger_pbf_village") > 100);
        Assert.True(await IndependentSql.CountAsync(demo.DataSource, "land_transfer") > 0);
        Assert.Empty(await IndependentSql.StockMismatchesAsync(demo.DataSource));
    }

    [Fact]
    public async Task FlowsEqualPostGisOverlayOfTheTwoYearsPerCounty()
    {
        var query = new LedgerQuery(demo.DataSource);
        var year = demo.Years[^1];
        var totalOut = 0m;
        foreach (var county in demo.Counties)
        {
            var ledger = (await query.RunAsync(county, year, false)).Unit;
            var (lost, gained) = await IndependentSql.CultivatedFlowsAsync(demo.DataSource, county, demo.Years[0], year);
            Assert.True(Math.Abs(lost - ledger.Outflow!.Total) <= 1m + lost * 1e-5m, $"{county} lost: PostGIS {lost}, ledger {ledger.Outflow.Total}");
            Assert.True(Math.Abs(gained - ledger.Inflow!.Total) <= 1m + gained * 1e-5m, $"{county} gained: PostGIS {gained}, ledger {ledger.Inflow.Total}");
            totalOut += ledger.Outflow.Total;
        }
        Assert.True(totalOut > 0, "the demo changes no cultivated land");
    }

    [Fact]
    public async Task AYearWithoutAnEarlierSurveySaysSoAndAnUnknownYearIsRefused()
    {
        var query = new LedgerQuery(demo.DataSource);
        var first = (await query.RunAsync(demo.Counties[0], demo.Years[0], false)).Unit;
        Assert.Null(first.Identity);
        Assert.Null(first.Outflow);
        Assert.Contains(first.Missing, m => m.Contains("之前没有存储", StringComparison.Ordinal));
        Assert.True(first.Stock.Cultivated > 0);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => query.RunAsync(demo.Counties[0], 1999, false));
        Assert.Contains("no land-use patches (DLTB) of 1999", e.Message);
    }

    private static void AssertBalances(UnitLedger unit, bool firstYear)
    {
        if (firstYear)
        {
            Assert.Null(unit.Identity);
            Assert.NotEmpty(unit.Missing);
            return;
        }
        var identity = unit.Identity ?? throw new Xunit.Sdk.XunitException($"{unit.UnitCode} {unit.Year}: no identity ({string.Join(";", unit.Missing)})");
        Assert.Equal(unit.BeforeStock!.Cultivated, identity.Before);
        Assert.Equal(unit.Stock.Cultivated, identity.After);
        Assert.Equal(identity.After, identity.Before + unit.Inflow!.Total - unit.Outflow!.Total + identity.Gap);
        Assert.Equal(identity.Gap, identity.AfterDifference - identity.BeforeDifference);
        Assert.True(identity.IsExplainedByAreaMethod, $"{unit.UnitCode} {unit.Year}: {identity.Explanation}");
    }

    private static void AssertSumOfChildren(LedgerResult result)
    {
        Assert.NotEmpty(result.Children);
        var u = result.Unit;
        Assert.Equal(u.Stock.Cultivated, result.Children.Sum(c => c.Stock.Cultivated));
        Assert.Equal(u.Stock.CultivatedCount, result.Children.Sum(c => c.Stock.CultivatedCount));
        Assert.Equal(u.Stock.Pbf, result.Children.Sum(c => c.Stock.Pbf));
        Assert.Equal(u.Stock.Stable, result.Children.Sum(c => c.Stock.Stable));
        if (u.Outflow is { } outflow)
        {
            foreach (var c in FlowClasses.All)
            {
                Assert.Equal(outflow[c], result.Children.Sum(ch => ch.Outflow![c]));
                Assert.Equal(u.Inflow![c], result.Children.Sum(ch => ch.Inflow![c]));
            }
        }
    }

    private sealed class LedgerComparer : IEqualityComparer<UnitLedger>
    {
        public static readonly LedgerComparer Instance = new();

        public bool Equals(UnitLedger? x, UnitLedger? y) => x is not null && y is not null && x.UnitCode == y.UnitCode && x.Stock with { HighStandard = 0 } == y.Stock with { HighStandard = 0 }
            // HSF of a county is the sum of its projects; from its townships, the sum of their rounded shares (docs/ledger.md §1).
            && Math.Abs(x.Stock.HighStandard - y.Stock.HighStandard) <= 1m
            && (x.BeforeStock is null ? y.BeforeStock is null : y.BeforeStock is not null && (x.BeforeStock with { HighStandard = 0 }) == (y.BeforeStock with { HighStandard = 0 })) && x.Identity == y.Identity && x.Outflow?.Total == y.Outflow?.Total;

        public int GetHashCode(UnitLedger obj) => obj.UnitCode.GetHashCode(StringComparison.Ordinal);
    }
}
