using System.Globalization;
using Gengbao.TestSupport;

namespace Gengbao.Cli.Tests.Commands;

/// <summary>The acceptance path of the platform spine, through the command line a bureau's IT staff use.</summary>
public sealed class OneMapCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-cli-").FullName;

    [Fact]
    public async Task ImportThenLedgerEqualsTheReferenceAndASecondImportChangesNothing()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("cli");
        var import = await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2024");
        Assert.True(import.ExitCode == 0, import.Stderr + import.Stdout);
        Assert.Contains("DLTB (DLTB) county 622921 year 2024: 19997 features", import.Stdout);

        var first = Path.Combine(_work, "l1.csv");
        var ledger = await GengbaoProcess.RunAsync(database, "ledger", "--level", "village", "--county", "622921", "--year", "2024", "--out", first);
        Assert.True(ledger.ExitCode == 0, ledger.Stderr);
        ReferenceLedger.AssertEqual(ReferenceLedger.Read(SharedData.File("ledger_S.csv")), ReferenceLedger.Read(first));

        Assert.Equal(0, (await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2024")).ExitCode);
        var second = Path.Combine(_work, "l2.csv");
        Assert.Equal(0, (await GengbaoProcess.RunAsync(database, "ledger", "--level", "village", "--county", "622921", "--year", "2024", "--out", second)).ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(first), await File.ReadAllTextAsync(second));
    }

    [Theory]
    [InlineData("official", 100.0)] // docs/area.md: trapezoid vs geodesic, at most 83 ppm on this county
    [InlineData("geodesic", 7.5)]   // the same formula as TBMJ; what remains is TBMJ's own 0.005 m² rounding
    public async Task AreaOfEveryPolygonIsWrittenAndAgreesWithTbmj(string method, double maxPpm)
    {
        var output = Path.Combine(_work, $"areas-{method}.csv");
        var run = await GengbaoProcess.RunAsync(null, "area", SharedData.SampleGeoPackage, "--layer", "DLTB", "--out", output, "--method", method);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("BSM,area_m2", lines[0]);
        Assert.Equal(19_997, lines.Length - 1);
        // TBMJ in the sample is PostGIS's geodesic area (docs/area.md).
        var worstPpm = lines.Skip(1).Select(l => l.Split(','))
            .Zip(ReadTbmj(), (f, tbmj) => Math.Abs(double.Parse(f[1], CultureInfo.InvariantCulture) - tbmj) / tbmj * 1e6).Max();
        Assert.InRange(worstPpm, 0, maxPpm);
    }

    [Fact]
    public async Task ImportOfABadFileFailsWithWhereItIsAndExitCode1()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("clibad");
        var report = Path.Combine(_work, "report.txt");
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "bad.gpkg"))
        {
            gpkg.SetValue("DLTB", 9, "DLBM", "ABCD");
        }
        var run = await GengbaoProcess.RunAsync(database, "import", Path.Combine(_work, "bad.gpkg"), "--year", "2024", "--report", report);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.gpkg: layer DLTB: feature 9 (BSM 9): field DLBM: 'ABCD' is not a land-use code", run.Stderr);
        Assert.Contains("nothing was imported", run.Stderr);
        Assert.Single(await File.ReadAllLinesAsync(report));
    }

    [Fact]
    public async Task CodeEncodeAndDecodeRoundTrip()
    {
        var encoded = await GengbaoProcess.RunAsync(null, "code", "encode", "--lon", "116.31260278", "--lat", "39.99316111", "--level", "10");
        Assert.Equal("N50J47539B8255346152", encoded.Stdout.Trim());
        var decoded = await GengbaoProcess.RunAsync(null, "code", "decode", "N50J47539B8255346152");
        Assert.Contains("level: 10", decoded.Stdout);
        Assert.Contains("116.3126", decoded.Stdout);
    }

    private static IEnumerable<double> ReadTbmj()
    {
        // Read TBMJ in fid order through our own reader, the same order `area` writes.
        var layers = Gengbao.Import.GeoPackage.GeoPackageReader.Open(SharedData.SampleGeoPackage);
        try
        {
            var dltb = layers.Single(l => l.Name == "DLTB");
            var index = dltb.FieldIndex("TBMJ");
            return dltb.ReadFeatures().Select(f => (double)f.Values[index]!).ToList();
        }
        finally
        {
            foreach (var layer in layers)
            {
                layer.Dispose();
            }
        }
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
