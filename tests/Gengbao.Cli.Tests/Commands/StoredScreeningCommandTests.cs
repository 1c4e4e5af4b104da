using Gengbao.TestSupport;

namespace Gengbao.Cli.Tests.Commands;

/// <summary><c>gengbao screen --pending</c> and <c>screen --region</c> over the database, as a bureau's IT staff run them.</summary>
public sealed class StoredScreeningCommandTests
{
    [Fact]
    public async Task ImportQueuesAScreeningThatPendingRunsAndRegionRunsAgain()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("cliscreen");
        var import = await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2024");
        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Contains("screening run 1 queued for county 622921 2024: 500 new or changed change patches", import.Stdout);

        var yellow = File.ReadLines(SharedData.File("screen_S.csv")).Count(l => l.EndsWith(",yellow", StringComparison.Ordinal));
        var pending = await GengbaoProcess.RunAsync(database, "screen", "--pending");
        Assert.True(pending.ExitCode == 0, pending.Stderr + pending.Stdout);
        Assert.Contains($"run 1: county 622921 2024: 500 screened, {500 - yellow} green, {yellow} yellow", pending.Stdout);

        var nothing = await GengbaoProcess.RunAsync(database, "screen", "--pending");
        Assert.Contains("no screening run was waiting", nothing.Stdout);

        var region = await GengbaoProcess.RunAsync(database, "screen", "--region", "6229", "--year", "2024");
        Assert.True(region.ExitCode == 0, region.Stderr);
        Assert.Contains($"run 2: county 622921 2024: 500 screened, {500 - yellow} green, {yellow} yellow", region.Stdout);

        var none = await GengbaoProcess.RunAsync(database, "screen", "--region", "6230", "--year", "2024");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("no change patches (BHTB) of 2024 are stored under 6230", none.Stderr);
    }
}
