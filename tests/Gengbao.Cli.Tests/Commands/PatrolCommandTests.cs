using System.Text;
using Gengbao.Import.Gpx;
using Gengbao.Patrol.Tracks;
using Gengbao.Storage.Database;
using Gengbao.TestSupport;

namespace Gengbao.Cli.Tests.Commands;

/// <summary>The patrol commands through the real <c>./gengbao</c>: roster import, dispatch, GPX import and export.</summary>
public sealed class PatrolCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-cli-patrol-").FullName;

    [Fact]
    public async Task Roster_dispatch_and_GPX_round_trip_from_the_command_line()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("clipatrol");
        Assert.Equal(0, (await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2024")).ExitCode);

        var header = "行政区代码,行政区名称,网格层级,角色,姓名,手机号,任期开始,任期结束\n";
        var bad = Path.Combine(_work, "bad.csv");
        await File.WriteAllTextAsync(bad, header + "622921100201,,村,田管员,甲,13300000001,2024-01-01,\n622921777777,,村,田管员,乙,13300000002,2024-01-01,\n", Encoding.UTF8);
        var refused = await GengbaoProcess.RunAsync(database, "roster", "import", bad);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("bad.csv: row 3, column 行政区代码: unknown admin code '622921777777'", refused.Stderr, StringComparison.Ordinal);
        var good = Path.Combine(_work, "good.csv");
        await File.WriteAllTextAsync(good, header + "622921100201,,村,田管员,甲,13300000001,2024-01-01,\n", Encoding.UTF8);
        var imported = await GengbaoProcess.RunAsync(database, "roster", "import", good);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Assert.Contains("1 roster rows for 1 cells", imported.Stdout, StringComparison.Ordinal);

        var dispatch = await GengbaoProcess.RunAsync(database, "patrol", "dispatch", "--at", "2026-03-02T08:00:00+08:00");
        Assert.True(dispatch.ExitCode == 0, dispatch.Stderr);
        long cells, task;
        await using (var dataSource = GengbaoDatabase.CreateDataSource(database))
        {
            await using var count = dataSource.CreateCommand("SELECT count(*) FROM admin_unit WHERE level BETWEEN 2 AND 6");
            cells = (long)(await count.ExecuteScalarAsync())!;
            await using var first = dataSource.CreateCommand("SELECT id FROM patrol_task WHERE cell_code = '622921100201' LIMIT 1");
            task = (long)(await first.ExecuteScalarAsync())!;
        }
        Assert.Contains($"{cells} tasks sent", dispatch.Stdout, StringComparison.Ordinal);

        var gpx = Path.Combine(_work, "walk.gpx");
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var points = Enumerable.Range(0, 10).Select(i => new TrackPoint(103.2 + (i * 0.0001), 35.5, null, 2000, start.AddSeconds(i * 10))).ToList();
        await File.WriteAllBytesAsync(gpx, GpxWriter.ToBytes("walk", points));
        for (var i = 0; i < 2; i++)
        {
            var run = await GengbaoProcess.RunAsync(database, "track", "import", gpx, "--task", task.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains(i == 0 ? "10 points read, 10 stored" : "10 points read, 0 stored", run.Stdout, StringComparison.Ordinal);
        }
        var exported = Path.Combine(_work, "out.gpx");
        var export = await GengbaoProcess.RunAsync(database, "track", "export", "--task", task.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", exported);
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Equal(points, GpxReader.Read(exported));

        var malformed = Path.Combine(_work, "bad.gpx");
        await File.WriteAllTextAsync(malformed, "<gpx><trk>\n<trkseg><trkpt lat=\"35\" lon=\"103\"></trkseg>");
        var refusedGpx = await GengbaoProcess.RunAsync(database, "track", "import", malformed, "--task", "1");
        Assert.Equal(1, refusedGpx.ExitCode);
        Assert.Contains("malformed GPX at line 2", refusedGpx.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
