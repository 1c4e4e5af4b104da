using Gengbao.TestSupport;
using Npgsql;

namespace Gengbao.Cli.Tests.Commands;

/// <summary><c>gengbao report</c> writes the workbook and the printable page; <c>gengbao targets import</c> is all or nothing.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-cli-report-").FullName;

    [Fact]
    public async Task ReportAndTargetsFromTheCommandLine()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("clireport");
        Assert.Equal(0, (await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2024")).ExitCode);

        var bad = Path.Combine(_work, "targets.csv");
        await File.WriteAllTextAsync(bad, "unit_code,year,cultivated_target_wanmu\n622921,2024,80\n622921100,2024,abc\n");
        var refused = await GengbaoProcess.RunAsync(database, "targets", "import", bad);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("targets.csv, row 3, field cultivated_target_wanmu: 'abc' is not a non-negative number", refused.Stderr);
        await File.WriteAllTextAsync(bad, "unit_code,year,cultivated_target_wanmu\n622921,2024,80\n");
        var imported = await GengbaoProcess.RunAsync(database, "targets", "import", bad);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        await using (var dataSource = NpgsqlDataSource.Create(database))
        await using (var count = dataSource.CreateCommand("SELECT count(*), min(cultivated_target_m2) FROM protection_target"))
        await using (var reader = await count.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            Assert.Equal((1L, 533_333_333.33m), (reader.GetInt64(0), reader.GetDecimal(1)));
        }

        var dir = Path.Combine(_work, "report");
        var report = await GengbaoProcess.RunAsync(database, "report", "--unit", "622921", "--year", "2024", "--quarter", "2", "--out", dir);
        Assert.True(report.ExitCode == 0, report.Stderr + report.Stdout);
        Assert.Contains("临夏县耕地资源一本账统计报表(2024年第2季度)", report.Stdout);
        Assert.Contains("2024 年之前没有存储", report.Stdout);
        Assert.True(new FileInfo(Path.Combine(dir, "report.xlsx")).Length > 5_000);
        var html = await File.ReadAllTextAsync(Path.Combine(dir, "report.html"));
        Assert.Contains("<svg class=\"chart\"", html);
        Assert.False(File.Exists(Path.Combine(dir, "report.xlsx.partial")));

        var unknown = await GengbaoProcess.RunAsync(database, "report", "--unit", "622921", "--year", "1999", "--out", dir);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no land-use patches (DLTB) of 1999", unknown.Stderr);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
