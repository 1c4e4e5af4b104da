using Gengbao.TestSupport;
using Npgsql;

namespace Gengbao.Cli.Tests.Commands;

/// <summary>
/// The exchange and quality commands as a bureau's IT staff run them: <c>import --qc</c>, <c>exchange keygen</c>,
/// <c>pack --sign</c>, <c>verify --key</c>, <c>receive --key / --require-signature</c>, <c>schedule</c> and <c>evaluate</c>.
/// </summary>
public sealed class ExchangeCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-cli-exchange-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private static async Task<string> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task ImportWithQcRefusesAFileWithQualityProblemsWithTheReportAndImportsNothing()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("cliqc");
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "bad.gpkg"))
        {
            gpkg.Execute("UPDATE DLTB SET TBMJ = TBMJ * 2 WHERE fid = 9");
        }
        var report = Path.Combine(_work, "qc.csv");
        var run = await GengbaoProcess.RunAsync(database, "import", Path.Combine(_work, "bad.gpkg"), "--year", "2024", "--qc", "--qc-report", report);
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains("refused: 1 quality problem(s), report in", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("layer DLTB: feature 9", run.Stderr, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(report);
        Assert.Equal(2, lines.Length);
        Assert.Contains("TBMJ", lines[1], StringComparison.Ordinal);
        Assert.Equal("0", await ScalarAsync(database, "SELECT count(*) FROM layer_version"));
    }

    [Fact]
    public async Task ACleanFilePassesQcAndASignedPackageIsReceivedOnlyWithTheSendersKey()
    {
        var source = await ThrowawayCluster.CreateDatabaseAsync("clisend");
        var import = await GengbaoProcess.RunAsync(source, "import", SharedData.SampleGeoPackage, "--year", "2024", "--qc");
        Assert.True(import.ExitCode == 0, import.Stdout + import.Stderr);
        Assert.Contains("quality checks: no problems", import.Stdout, StringComparison.Ordinal);

        var keys = Path.Combine(_work, "keys");
        Assert.Equal(0, (await GengbaoProcess.RunAsync(null, "exchange", "keygen", "--out", keys)).ExitCode);
        Assert.Equal(0, (await GengbaoProcess.RunAsync(null, "exchange", "keygen", "--out", Path.Combine(_work, "other"))).ExitCode);
        Assert.Equal(1, (await GengbaoProcess.RunAsync(null, "exchange", "keygen", "--out", keys)).ExitCode); // never overwrites a key
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "sm2-private.pem")));
        }

        var signed = Path.Combine(_work, "signed.zip");
        var unsigned = Path.Combine(_work, "unsigned.zip");
        var pack = await GengbaoProcess.RunAsync(source, "exchange", "pack", "--item", "three-zones-farmland", "--region", "622921", "--year", "2024",
            "--out", signed, "--sign", Path.Combine(keys, "sm2-private.pem"));
        Assert.True(pack.ExitCode == 0, pack.Stderr);
        Assert.Contains("packed and signed YJJBNT", pack.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await GengbaoProcess.RunAsync(source, "exchange", "pack", "--item", "three-zones-farmland", "--region", "622921", "--year", "2024", "--out", unsigned)).ExitCode);

        var verify = await GengbaoProcess.RunAsync(null, "exchange", "verify", signed, "--key", Path.Combine(keys, "sm2-public.pem"));
        Assert.True(verify.ExitCode == 0, verify.Stderr);
        Assert.Contains("signature verified", verify.Stdout, StringComparison.Ordinal);
        var wrong = await GengbaoProcess.RunAsync(null, "exchange", "verify", signed, "--key", Path.Combine(_work, "other", "sm2-public.pem"));
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("SM2 signature does not verify", wrong.Stderr, StringComparison.Ordinal);

        var receiving = await ThrowawayCluster.CreateDatabaseAsync("clireceive");
        var refused = await GengbaoProcess.RunAsync(receiving, "exchange", "receive", unsigned, "--require-signature");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("unsigned: this platform accepts signed packages only", refused.Stderr, StringComparison.Ordinal);
        // Registering the sender's key makes its signature required without any option.
        Assert.Equal(0, (await GengbaoProcess.RunAsync(receiving, "exchange", "trust", Path.Combine(keys, "sm2-public.pem"), "--department", "natural_resources", "--region", "6229")).ExitCode);
        Assert.Equal(2, (await GengbaoProcess.RunAsync(receiving, "exchange", "receive", unsigned)).ExitCode);
        var accepted = await GengbaoProcess.RunAsync(receiving, "exchange", "receive", signed);
        Assert.True(accepted.ExitCode == 0, accepted.Stderr);
        Assert.Equal(await ScalarAsync(source, "SELECT count(*) FROM yjjbnt"), await ScalarAsync(receiving, "SELECT count(*) FROM yjjbnt"));

        // The schedule of 2024 with the annual update recorded; the report as CSV.
        var schedule = await GengbaoProcess.RunAsync(receiving, "exchange", "schedule", "--year", "2024", "--annual-update", "2024-03-01", "--region", "622921");
        Assert.Equal(2, schedule.ExitCode); // most of 2024's deliveries are overdue
        Assert.Contains("three-zones-farmland         622921   annual due 2024-03-31", schedule.Stdout, StringComparison.Ordinal);
        var csv = Path.Combine(_work, "evaluation.csv");
        Assert.Equal(0, (await GengbaoProcess.RunAsync(receiving, "exchange", "evaluate", "--year", "2024", "--out", csv)).ExitCode);
        Assert.StartsWith("department,year,due,on_time", await File.ReadAllTextAsync(csv), StringComparison.Ordinal);
    }
}
