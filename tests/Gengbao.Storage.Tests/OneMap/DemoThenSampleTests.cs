using Gengbao.Demo;
using Gengbao.Geo.Codes;
using Gengbao.Storage.Database;
using Gengbao.Storage.Ledger;
using Gengbao.Storage.OneMap;
using Gengbao.Storage.Tests.Ledger;
using Gengbao.TestSupport;
using Npgsql;

namespace Gengbao.Storage.Tests.OneMap;

/// <summary>
/// What <c>./run</c> then a bureau does: the demo prefecture is loaded, then the county's own survey file is
/// imported over it. The county's layers are replaced; no other county's data changes.
/// </summary>
public sealed class DemoThenSampleTests : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("gengbao-demo-");
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await ThrowawayCluster.CreateDatabaseAsync("demothensample");
        _dataSource = GengbaoDatabase.CreateDataSource(connectionString);
        var importer = new OneMapImporter(_dataSource);
        foreach (var file in DemoPrefecture.WriteGeoPackages(new DemoOptions(Seed: 7, Size: 8_000), _work.FullName))
        {
            var year = int.Parse(Path.GetFileNameWithoutExtension(file)[^4..], System.Globalization.CultureInfo.InvariantCulture);
            await importer.ImportAsync(file, new ImportOptions { Year = year });
        }
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _work.Delete(recursive: true);
    }

    [Fact]
    public async Task SampleReplacesItsCountyOnlyAndTheLedgerEqualsTheReference()
    {
        var othersBefore = await OtherCountiesAsync();
        Assert.Contains("622926", othersBefore); // the demo really holds other counties
        // The per-village stocks written by the two demo imports equal the raw patches regrouped (migration 0019).
        Assert.True(await IndependentSql.CountAsync(_dataSource, "ledger_cultivated_village") > 100);
        Assert.Empty(await IndependentSql.StockMismatchesAsync(_dataSource));

        await new OneMapImporter(_dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });

        Assert.Equal(othersBefore, await OtherCountiesAsync());
        Assert.Empty(await IndependentSql.StockMismatchesAsync(_dataSource));
        var rows = await new UnitTotalsQuery(_dataSource).RunAsync(AdminLevel.Village, 2024, "622921");
        ReferenceLedger.AssertEqual(ReferenceLedger.Read(SharedData.File("ledger_S.csv")),
            rows.Select(r => new ReferenceLedger.Row(r.Code, r.Name, r.CultivatedArea, r.CultivatedCount, r.PbfArea, r.PbfCount)).ToList());
    }

    [Fact]
    public async Task AReImportRewritesTheVillageStocksOfItsCountyAndYear()
    {
        const string village = "622921100201";
        await new OneMapImporter(_dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
        Assert.True((await StockRowsAsync(village)) is (1, 1), "the sample's village has cultivated land and PBF");
        var before2023 = await ExportStocksAsync(2023);

        // The same county again: the village's cultivated patches become forest and its PBF parcels are gone.
        using (var edited = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work.FullName, "sample-edited.gpkg"))
        {
            edited.Execute($"UPDATE DLTB SET DLBM = '0301', DLMC = '乔木林地' WHERE substr(ZLDWDM, 1, 12) = '{village}' AND DLBM IN ('0101', '0102', '0103')");
            edited.Execute($"DELETE FROM YJJBNT WHERE substr(ZLDWDM, 1, 12) = '{village}'");
            await new OneMapImporter(_dataSource).ImportAsync(edited.Path, new ImportOptions { Year = 2024 });
        }

        Assert.Empty(await IndependentSql.StockMismatchesAsync(_dataSource));
        Assert.Equal((0L, 0L), await StockRowsAsync(village));
        var row = (await new UnitTotalsQuery(_dataSource).RunAsync(AdminLevel.Village, 2024, "622921")).Single(r => r.Code == village);
        Assert.Equal((0m, 0L, 0m, 0L), (row.CultivatedArea, row.CultivatedCount, row.PbfArea, row.PbfCount));
        var county = (await new LedgerQuery(_dataSource).RunAsync("622921", 2024, withChildren: false)).Unit;
        Assert.Equal(await RawCultivatedAsync("622921", 2024), county.Stock.Cultivated);
        Assert.Equal(before2023, await ExportStocksAsync(2023)); // another year of the county is not touched
    }

    private async Task<(long, long)> StockRowsAsync(string village)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM ledger_cultivated_village WHERE year = 2024 AND village_code = $1),
                   (SELECT count(*) FROM ledger_pbf_village WHERE year = 2024 AND village_code = $1)
            """);
        command.Parameters.AddWithValue(village);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<string> ExportStocksAsync(int year)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT string_agg(c::text, ';' ORDER BY c.county_code, c.village_code) FROM ledger_cultivated_village c WHERE year = $1
            """);
        command.Parameters.AddWithValue(year);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<decimal> RawCultivatedAsync(string county, int year)
    {
        await using var command = _dataSource.CreateCommand("SELECT sum(tbmj) FROM dltb WHERE county_code = $1 AND year = $2 AND dlbm IN ('0101', '0102', '0103')");
        command.Parameters.AddWithValue(county);
        command.Parameters.AddWithValue(year);
        return (decimal)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Counts and checksums of every layer of every county but 622921, and the current versions' ids.</summary>
    private async Task<string> OtherCountiesAsync()
    {
        var parts = new List<string>();
        foreach (var table in new[] { "admin_unit", "dltb", "yjjbnt", "gbznt", "pzyd", "bhtb" })
        {
            await using var command = _dataSource.CreateCommand($"""
                SELECT string_agg(county_code || ':' || year || ':' || n || ':' || h, ',' ORDER BY county_code, year) FROM (
                  SELECT county_code, year, count(*) n, md5(string_agg(spatial_code || area_m2, '' ORDER BY fid)) h
                  FROM {table} WHERE county_code <> '622921' GROUP BY 1, 2) t
                """);
            parts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }
        await using var versions = _dataSource.CreateCommand(
            "SELECT string_agg(id::text, ',' ORDER BY id) FROM layer_version WHERE status = 'current' AND county_code <> '622921'");
        parts.Add($"versions={await versions.ExecuteScalarAsync()}");
        return string.Join("\n", parts);
    }
}
