using Gengbao.Storage.Ledger;
using Gengbao.Storage.Tests.OneMap;
using Gengbao.TestSupport;

namespace Gengbao.Storage.Tests.Ledger;

/// <summary>The ledger's per-village stocks of the shared sample equal shared/data/ledger_S.csv.</summary>
public sealed class SampleLedgerTests(SampleImportFixture sample) : IClassFixture<SampleImportFixture>
{
    [Fact]
    public async Task VillageCultivatedAndPbfEqualTheReference()
    {
        var query = new LedgerQuery(sample.DataSource);
        var rows = new List<ReferenceLedger.Row>();
        var county = await query.RunAsync("622921", 2024, withChildren: true);
        foreach (var township in county.Children)
        {
            foreach (var v in (await query.RunAsync(township.UnitCode, 2024, withChildren: true)).Children)
            {
                // PBF count is not a ledger figure; take it from the reference so the comparison is about areas and patch counts of cultivated land.
                rows.Add(new ReferenceLedger.Row(v.UnitCode, v.UnitName, v.Stock.Cultivated, v.Stock.CultivatedCount, v.Stock.Pbf, -1));
            }
        }
        var expected = ReferenceLedger.Read(SharedData.File("ledger_S.csv"));
        ReferenceLedger.AssertEqual([.. expected.Select(r => r with { PbfCount = -1 })], [.. rows.OrderBy(r => r.Code, StringComparer.Ordinal)]);
        Assert.Contains("2024 年之前没有存储", county.Unit.Missing.Single(), StringComparison.Ordinal);
    }
}
