using Gengbao.TestSupport;

namespace Gengbao.Cli.Tests.Commands;

/// <summary><c>gengbao compare --county</c> over two stored survey years gives the same matrix as the file comparison.</summary>
public sealed class StoredComparisonCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-cli-compare-").FullName;

    [Fact]
    public async Task StoredYearsGiveTheSameMatrixAsTheFiles()
    {
        var after = Path.Combine(_work, "after.gpkg");
        using (var edited = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "after.gpkg"))
        {
            // Three parcels of cultivated land built on, one orchard reclaimed.
            edited.Execute("UPDATE DLTB SET DLBM = '0702' WHERE fid IN (SELECT fid FROM DLTB WHERE DLBM = '0103' ORDER BY fid LIMIT 3)");
            edited.Execute("UPDATE DLTB SET DLBM = '0101' WHERE fid IN (SELECT fid FROM DLTB WHERE DLBM = '0201' ORDER BY fid LIMIT 1)");
        }
        var database = await ThrowawayCluster.CreateDatabaseAsync("clicompare");
        Assert.Equal(0, (await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2023")).ExitCode);
        Assert.Equal(0, (await GengbaoProcess.RunAsync(database, "import", after, "--year", "2024")).ExitCode);

        var fromFiles = Path.Combine(_work, "files.csv");
        var files = await GengbaoProcess.RunAsync(null, "compare", "--before", SharedData.SampleGeoPackage, "--after", after, "--out", fromFiles);
        Assert.True(files.ExitCode == 0, files.Stderr);
        var fromDatabase = Path.Combine(_work, "stored.csv");
        var stored = await GengbaoProcess.RunAsync(database, "compare", "--county", "622921", "--before-year", "2023", "--after-year", "2024", "--out", fromDatabase);
        Assert.True(stored.ExitCode == 0, stored.Stderr + stored.Stdout);
        Assert.Contains("4 cultivated-land change pieces", stored.Stdout);

        var expected = await File.ReadAllTextAsync(fromFiles);
        Assert.Equal(expected, await File.ReadAllTextAsync(fromDatabase));
        Assert.Contains(",0103,0702,", expected);
        Assert.Contains(",0201,0101,", expected);

        var missing = await GengbaoProcess.RunAsync(database, "compare", "--county", "622921", "--before-year", "2022", "--after-year", "2024");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not have land-use patches (DLTB) stored for both 2022 and 2024", missing.Stderr);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
