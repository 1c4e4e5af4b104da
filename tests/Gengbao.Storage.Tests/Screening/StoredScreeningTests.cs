using System.Globalization;
using Gengbao.Screening;
using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Gengbao.Storage.Screening;
using Gengbao.TestSupport;
using Npgsql;

namespace Gengbao.Storage.Tests.Screening;

/// <summary>
/// Screening in the platform, on a database of its own per test: the run an import queues, its results against the
/// PostGIS reference (shared/data/screen_S.csv), and re-screening of only what a re-import changes.
/// </summary>
public sealed class StoredScreeningTests : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "gengbao-stored-screening-" + Guid.NewGuid().ToString("N"));
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _dataSource = GengbaoDatabase.CreateDataSource(await ThrowawayCluster.CreateDatabaseAsync("stored-screening"));
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private ScreeningJob Job => new(_dataSource, ScreeningRules.Default with { AreaMethod = ScreeningAreaMethod.Official }, threads: 2);

    [Fact]
    public async Task ImportQueuesAFullRunWhoseResultsMatchThePostgisReference()
    {
        var import = await new OneMapImporter(_dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
        var queued = Assert.Single(import.ScreeningRuns);
        Assert.Equal(("622921", 2024, (int?)null), (queued.CountyCode, queued.Year, queued.PatchCount));

        var run = await RunAllQueuedAsync();
        Assert.Equal("done", run.Status);
        Assert.Equal(500, run.ProgressDone);
        Assert.Equal(500, run.ProgressTotal);
        Assert.StartsWith("gengbao-screening ", run.EngineVersion);
        // The run names exactly the layer versions the import wrote.
        foreach (var layer in import.Layers.Where(l => l.Layer != "XZQ"))
        {
            Assert.Equal(layer.VersionId, run.InputVersions![layer.Layer]!.AsArray().Single()!.GetValue<long>());
        }

        var reference = ReferenceRows();
        var stored = await StoredRowsAsync();
        Assert.Equal(reference.Keys.Order(), stored.Keys.Order());
        foreach (var (jcbh, expected) in reference)
        {
            var actual = stored[jcbh];
            Assert.True(expected.Class == actual.Class, $"{jcbh}: class {actual.Class}, reference {expected.Class}");
            for (var i = 0; i < 4; i++)
            {
                Assert.True(Math.Abs(expected.Areas[i] - actual.Areas[i]) <= Math.Max(0.5m, expected.Areas[i] * 0.0001m),
                    $"{jcbh}: area {i} {actual.Areas[i]}, reference {expected.Areas[i]}");
            }
        }
        Assert.Equal(reference.Values.Count(r => r.Class == "green"), run.GreenCount);
        Assert.Equal(reference.Values.Count(r => r.Class == "yellow"), run.YellowCount);
    }

    [Fact]
    public async Task ReimportingTheSameDataKeepsTheResultsAndQueuesNothing()
    {
        await new OneMapImporter(_dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
        var first = await RunAllQueuedAsync();
        var before = await StoredRowsAsync();

        var again = await new OneMapImporter(_dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });

        Assert.Empty(again.ScreeningRuns);
        var after = await StoredRowsAsync();
        Assert.Equal(before.Count, after.Count);
        Assert.All(after.Values, r => Assert.Equal(first.Id, r.RunId));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM screening_run WHERE status = 'queued'"));
    }

    [Fact]
    public async Task WithdrawnApprovalsRescreenOnlyThePatchesTheyTouch()
    {
        await new OneMapImporter(_dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
        await RunAllQueuedAsync();
        // A green patch on cultivated land that is green because approvals cover it.
        var patch = await ScalarAsync<string>("""
            SELECT jcbh FROM screening_result WHERE class = 'green' AND gd_mj > 100 AND pzyd_mj >= patch_mj * 0.999 ORDER BY jcbh LIMIT 1
            """);
        var approvals = await ListAsync<long>("""
            SELECT p.fid FROM pzyd p JOIN bhtb b ON ST_Intersects(p.geom_4490, b.geom_4490) WHERE b.jcbh = $1 ORDER BY 1
            """, patch);
        Assert.NotEmpty(approvals);
        var expectedTouched = await ListAsync<long>("""
            SELECT DISTINCT b.fid FROM bhtb b JOIN pzyd p ON ST_Intersects(p.geom_4490, b.geom_4490) WHERE p.fid = ANY($1) ORDER BY 1
            """, approvals.ToArray());

        using (var edited = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "withdrawn.gpkg"))
        {
            edited.Execute($"DELETE FROM PZYD WHERE fid IN ({string.Join(",", approvals)})");
        }
        var import = await new OneMapImporter(_dataSource).ImportAsync(Path.Combine(_work, "withdrawn.gpkg"), new ImportOptions { Year = 2024 });

        var queued = Assert.Single(import.ScreeningRuns);
        Assert.Equal(expectedTouched.Count, queued.PatchCount);
        Assert.Contains("PZYD", queued.Reason);
        var run = await RunAllQueuedAsync();
        Assert.Equal(expectedTouched, run.PatchFids!.Order());
        Assert.Equal(expectedTouched.Count, run.ProgressDone);

        var afterWithdrawal = await StoredRowsAsync();
        Assert.Equal("yellow", afterWithdrawal[patch].Class);
        Assert.Equal(0m, afterWithdrawal[patch].Areas[3]);

        // The incremental result equals a full run over the same inputs.
        await new ScreeningQueue(_dataSource).EnqueueAsync("622921", 2024, "test");
        await RunAllQueuedAsync();
        var full = await StoredRowsAsync();
        foreach (var (jcbh, row) in full)
        {
            Assert.Equal(row.Class, afterWithdrawal[jcbh].Class);
            Assert.Equal(row.Areas, afterWithdrawal[jcbh].Areas);
        }
    }

    [Fact]
    public async Task ARunIsClaimedOnceAndAnOrphanedOneIsClaimedAgain()
    {
        await new OneMapImporter(_dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
        var queue = new ScreeningQueue(_dataSource);
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => queue.ClaimAsync($"worker-{i}")));
        var claimed = Assert.Single(claims, c => c is not null);
        Assert.Null(await queue.ClaimAsync("late"));

        // The worker died: its heartbeat goes stale and another worker takes the run over.
        await ScalarAsync<int>("UPDATE screening_run SET heartbeat_at = now() - interval '1 hour' WHERE id = $1 RETURNING 1", claimed!.Id);
        var retaken = await queue.ClaimAsync("rescuer");
        Assert.Equal(claimed.Id, retaken?.Id);
        Assert.Equal("done", (await Job.ExecuteAsync(retaken!)).Status);
    }

    [Fact]
    public async Task ARunForACountyWithoutPatchesFailsWithAReason()
    {
        await ScalarAsync<int>("INSERT INTO screening_run (county_code, year, trigger) VALUES ('622922', 2024, 'manual') RETURNING 1");
        var run = await RunAllQueuedAsync();
        Assert.Equal("failed", run.Status);
        Assert.Contains("622922", run.Error);
    }

    private async Task<ScreeningRun> RunAllQueuedAsync()
    {
        var queue = new ScreeningQueue(_dataSource);
        ScreeningRun? last = null;
        while (await queue.ClaimAsync("test") is { } run)
        {
            last = await Job.ExecuteAsync(run);
        }
        return last ?? throw new InvalidOperationException("no run was queued");
    }

    private sealed record Row(string Class, decimal[] Areas, long RunId);

    private async Task<Dictionary<string, Row>> StoredRowsAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT jcbh, class, gd_mj, yjjbnt_mj, gbznt_mj, pzyd_mj, run_id FROM screening_result");
        var rows = new Dictionary<string, Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), new Row(reader.GetString(1),
                [reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetDecimal(5)], reader.GetInt64(6)));
        }
        return rows;
    }

    private static Dictionary<string, (string Class, decimal[] Areas)> ReferenceRows() =>
        File.ReadLines(SharedData.File("screen_S.csv")).Skip(1).Select(line => line.Split(','))
            .ToDictionary(f => f[0], f => (f[5], f[1..5].Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToArray()));

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p);
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<T>> ListAsync<T>(string sql, params object[] parameters)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p);
        }
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetFieldValue<T>(0));
        }
        return list;
    }
}
