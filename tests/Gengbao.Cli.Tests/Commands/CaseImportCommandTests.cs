using System.Diagnostics;
using Gengbao.TestSupport;

namespace Gengbao.Cli.Tests.Commands;

/// <summary>
/// <c>./gengbao case import</c> with a real Shapefile cut by GDAL's ogr2ogr from the sample county's change patches
/// (Gauss–Krüger, so the patches are reprojected): one green and one yellow by the reference screening (screen_S.csv).
/// </summary>
public sealed class CaseImportCommandTests : IDisposable
{
    private const string Green = "6229212024000003";
    private const string Yellow = "6229212024000004";
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-cli-case-import-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Cut(string name, params string[] extra)
    {
        var folder = Path.Combine(_work, name);
        var info = new ProcessStartInfo("ogr2ogr") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-f", "ESRI Shapefile", folder, SharedData.SampleGeoPackage, "BHTB", "-where", $"JCBH IN ('{Green}', '{Yellow}')",
                     "-nln", "JCTB", "-lco", "ENCODING=UTF-8", .. extra])
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        return Path.Combine(folder, "JCTB.shp");
    }

    [Fact]
    public async Task Own_monitoring_patches_from_a_Shapefile_are_screened_into_cases_all_or_nothing()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("clicaseimport");
        Assert.Equal(0, (await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2024")).ExitCode);

        // A file declaring a foreign CRS (the coordinates are Gauss–Krüger metres, the .prj says WGS 84): refused whole.
        var foreign = Cut("foreign", "-a_srs", "EPSG:4326");
        var refused = await GengbaoProcess.RunAsync(database, "case", "import", "--file", foreign, "--source", "monitoring");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("JCTB.shp: layer JCTB", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("unsupported coordinate reference system", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("", (await GengbaoProcess.RunAsync(database, "case", "list")).Stdout.Trim());

        var wrongCounty = await GengbaoProcess.RunAsync(database, "case", "import", "--file", Cut("county"), "--source", "monitoring", "--county", "622922");
        Assert.Equal(1, wrongCounty.ExitCode);
        Assert.Contains("not in --county 622922", wrongCounty.Stderr, StringComparison.Ordinal);

        var file = Cut("good");
        var imported = await GengbaoProcess.RunAsync(database, "case", "import", "--file", file, "--source", "monitoring", "--county", "622921");
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Assert.Contains("2 monitoring patches: 2 new cases (1 green passed, 1 yellow to verify)", imported.Stdout, StringComparison.Ordinal);
        var list = (await GengbaoProcess.RunAsync(database, "case", "list")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(list, l => l.Contains("\tgreen\tclosed_legal\tmonitoring\t", StringComparison.Ordinal) && l.Contains(Green, StringComparison.Ordinal));
        Assert.Contains(list, l => l.Contains("\tyellow\tverifying\tmonitoring\t", StringComparison.Ordinal) && l.Contains(Yellow, StringComparison.Ordinal));

        var again = await GengbaoProcess.RunAsync(database, "case", "import", "--file", file, "--source", "monitoring");
        Assert.Contains("0 new cases", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 already known", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await GengbaoProcess.RunAsync(database, "case", "list")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
