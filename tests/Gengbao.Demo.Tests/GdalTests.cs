using System.Diagnostics;
using System.Globalization;

namespace Gengbao.Demo.Tests;

/// <summary>The generated files open in GDAL (Debian's ogrinfo) with the expected layers, counts, CRS and R-trees.</summary>
public sealed class GdalTests(CountyFixture fixture) : IClassFixture<CountyFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void OgrinfoReadsEveryLayer(int year)
    {
        var path = fixture.Paths[year];
        using var gpkg = new DemoGpkg(path);
        foreach (var table in gpkg.Tables())
        {
            var summary = Ogrinfo("-so", path, table);
            var count = gpkg.Count(table);
            Assert.Contains($"Feature Count: {count.ToString(CultureInfo.InvariantCulture)}", summary);
            Assert.Contains("Geometry: Multi Polygon", summary);
            Assert.Contains("CGCS2000 / 3-degree Gauss-Kruger zone 34", summary);
            var rtree = Ogrinfo("-q", "-sql", $"SELECT count(*) AS n FROM rtree_{table}_geom", path);
            Assert.Contains($"n (Integer) = {count.ToString(CultureInfo.InvariantCulture)}", rtree);
        }
        var dltb = Ogrinfo("-so", path, "DLTB");
        foreach (var field in new[] { "BSM: Integer64", "TBBH: String", "DLBM: String", "DLMC: String", "ZLDWDM: String", "TBMJ: Real", "SJNF: Integer64" })
        {
            Assert.Contains(field, dltb);
        }
        Assert.Contains("HSX: Date", year == 1 ? Ogrinfo("-so", path, "BHTB") : "HSX: Date");
        Assert.Contains("PZRQ: Date", Ogrinfo("-so", path, "PZYD"));
        var valid = Ogrinfo("-q", "-dialect", "sqlite", "-sql", "SELECT count(*) AS n, sum(ST_IsValid(geom)) AS v FROM DLTB", path);
        var n = gpkg.Count("DLTB").ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"n (Integer) = {n}", valid);
        Assert.Contains($"v (Integer) = {n}", valid);
    }

    private static string Ogrinfo(params string[] arguments)
    {
        var start = new ProcessStartInfo("ogrinfo") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ogrinfo did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ogrinfo {string.Join(' ', arguments)} failed: {stderr}");
        Assert.True(string.IsNullOrWhiteSpace(stderr), $"ogrinfo warned: {stderr}");
        return stdout.Result;
    }
}
