using Gengbao.Demo;
using Gengbao.Geo.Codes;
using Gengbao.Storage.Database;
using Gengbao.Storage.Ledger;
using Gengbao.Storage.OneMap;
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

        await new OneMapImporter(_dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });

        Assert.Equal(othersBefore, await OtherCountiesAsync());
        var rows = await new UnitTotalsQuery(_dataSource).RunAsync(AdminLevel.Village, 2024, "622921");
        ReferenceLedger.AssertEqual(ReferenceLedger.Read(SharedData.File("ledger_S.csv")),
            rows.Select(r => new ReferenceLedger.Row(r.Code, r.Name, r.CultivatedArea, r.CultivatedCount, r.PbfArea, r.PbfCount)).ToList());
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
