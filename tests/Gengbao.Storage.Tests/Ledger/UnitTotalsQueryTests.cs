using Gengbao.Geo.Codes;
using Gengbao.Storage.Database;
using Gengbao.Storage.Ledger;
using Gengbao.Storage.OneMap;
using Gengbao.Storage.Tests.OneMap;
using Gengbao.TestSupport;

namespace Gengbao.Storage.Tests.Ledger;

/// <summary>Per-village totals from the database equal shared/data/ledger_S.csv, made by PostGIS from the same file.</summary>
public sealed class UnitTotalsQueryTests(SampleImportFixture sample) : IClassFixture<SampleImportFixture>
{
    [Fact]
    public async Task VillageTotalsOfTheSampleEqualTheReference()
    {
        var rows = await new UnitTotalsQuery(sample.DataSource).RunAsync(AdminLevel.Village, 2024, "622921");
        ReferenceLedger.AssertEqual(ReferenceLedger.Read(SharedData.File("ledger_S.csv")), ToReference(rows));
    }

    [Fact]
    public async Task TownshipTotalsAreTheSumsOfTheirVillages()
    {
        var villages = await new UnitTotalsQuery(sample.DataSource).RunAsync(AdminLevel.Village, 2024, "622921");
        var townships = await new UnitTotalsQuery(sample.DataSource).RunAsync(AdminLevel.Township, 2024, "622921");
        Assert.NotEmpty(townships);
        foreach (var township in townships)
        {
            var mine = villages.Where(v => v.Code.StartsWith(township.Code[..9], StringComparison.Ordinal)).ToList();
            Assert.Equal(mine.Sum(v => v.CultivatedArea), township.CultivatedArea);
            Assert.Equal(mine.Sum(v => v.PbfCount), township.PbfCount);
        }
    }

    [Fact]
    public async Task ImportingTheSameFileAgainChangesNothingInTheTotals()
    {
        var connectionString = await ThrowawayCluster.CreateDatabaseAsync("reimport");
        await using var dataSource = GengbaoDatabase.CreateDataSource(connectionString);
        var importer = new OneMapImporter(dataSource);
        await importer.ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
        var first = await new UnitTotalsQuery(dataSource).RunAsync(AdminLevel.Village, 2024, "622921");
        var second = await importer.ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
        var again = await new UnitTotalsQuery(dataSource).RunAsync(AdminLevel.Village, 2024, "622921");

        Assert.Equal(first, again);
        Assert.All(second.Layers, l => Assert.NotNull(l.ReplacedVersionId));
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM dltb");
        Assert.Equal(19_997L, await count.ExecuteScalarAsync());
    }

    private static List<ReferenceLedger.Row> ToReference(IEnumerable<UnitTotalsRow> rows) =>
        rows.Select(r => new ReferenceLedger.Row(r.Code, r.Name, r.CultivatedArea, r.CultivatedCount, r.PbfArea, r.PbfCount)).ToList();
}
