using System.IO.Compression;
using Gengbao.TestSupport;

namespace Gengbao.Cli.Tests.Commands;

/// <summary>The case commands through the real <c>./gengbao</c>: intake after screening, list, spot check, dossier, escalation.</summary>
public sealed class CaseCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-cli-case-").FullName;

    [Fact]
    public async Task Screened_patches_become_cases_once_and_a_spot_check_is_repeatable_from_its_seed()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("clicase");
        Assert.Equal(0, (await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2024")).ExitCode);
        var screen = await GengbaoProcess.RunAsync(database, "screen", "--region", "622921", "--year", "2024");
        Assert.True(screen.ExitCode == 0, screen.Stderr);

        var intake = await GengbaoProcess.RunAsync(database, "case", "intake", "--region", "622921", "--year", "2024");
        Assert.True(intake.ExitCode == 0, intake.Stderr);
        Assert.Contains("500 patches taken in", intake.Stdout, StringComparison.Ordinal);
        var again = await GengbaoProcess.RunAsync(database, "case", "intake", "--region", "622921", "--year", "2024");
        Assert.Contains("0 patches taken in: 0 new cases", again.Stdout, StringComparison.Ordinal);

        var green = await GengbaoProcess.RunAsync(database, "case", "list", "--state", "closed_legal");
        var lines = green.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains("\tgreen\tclosed_legal\tissued\t", l, StringComparison.Ordinal));

        var first = await GengbaoProcess.RunAsync(database, "case", "spotcheck", "--region", "622921", "--count", "3", "--seed", "2026-11-23", "--inspector", "张三", "--inspector", "李四");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var second = await GengbaoProcess.RunAsync(database, "case", "spotcheck", "--region", "622921", "--count", "3", "--seed", "2026-11-23", "--inspector", "李四", "--inspector", "张三");
        static string[] Picks(string stdout) => [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)];
        Assert.Equal(3, Picks(first.Stdout).Length);
        Assert.Equal(Picks(first.Stdout), Picks(second.Stdout));

        var caseId = lines[0].Split('\t')[0];
        var zip = Path.Combine(_work, "case.zip");
        var dossier = await GengbaoProcess.RunAsync(database, "case", "dossier", "--id", caseId, "--out", zip);
        Assert.True(dossier.ExitCode == 0, dossier.Stderr);
        using (var archive = ZipFile.OpenRead(zip))
        {
            Assert.Equal(["manifest.json", "map.svg", "summary.html"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        }
        var missing = await GengbaoProcess.RunAsync(database, "case", "dossier", "--id", "999999", "--out", zip + ".x");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no case 999999", missing.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(zip + ".x"));

        var escalate = await GengbaoProcess.RunAsync(database, "case", "escalate");
        Assert.True(escalate.ExitCode == 0, escalate.Stderr);
        Assert.Contains("0 tasks escalated", escalate.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
