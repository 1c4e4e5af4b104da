using System.Globalization;
using Gengbao.TestSupport;
using Npgsql;

namespace Gengbao.Cli.Tests.Commands;

/// <summary>
/// <c>gengbao pbf</c> on the imported sample: candidate lists, contiguity bins and a GeoPackage GDAL reads; given
/// polluted (EPSG:4490) and fragile (Gauss–Krüger zone 34) layers make the parcels they cover candidates.
/// </summary>
public sealed class PbfCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-cli-pbf-").FullName;

    private static async Task<(long Fid, string Json)> ParcelAsync(string database, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private string Layer(string name, int epsg, string geometry)
    {
        var path = Path.Combine(_work, name);
        var crs = string.Create(CultureInfo.InvariantCulture, $"EPSG:{epsg}");
        File.WriteAllText(path, "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crs
            + "\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name + "\"},\"geometry\":" + geometry + "}]}");
        return path;
    }

    [Fact]
    public async Task CandidatesStatisticsAndGeoPackageFromTheCommandLine()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("clipbf");
        Assert.Equal(0, (await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2024")).ExitCode);
        // Two large parcels (not fragments): one under a polluted area given in longitude/latitude, one under a fragile
        // area given in the stored Gauss–Krüger zone (EPSG:4522).
        var polluted = await ParcelAsync(database, "SELECT fid, ST_AsGeoJSON(ST_Buffer(geom_4490, 0.00002)) FROM yjjbnt WHERE county_code = '622921' ORDER BY tbmj DESC, fid LIMIT 1");
        var fragile = await ParcelAsync(database, "SELECT fid, ST_AsGeoJSON(ST_Buffer(geom, 2)) FROM yjjbnt WHERE county_code = '622921' ORDER BY tbmj DESC, fid OFFSET 1 LIMIT 1");

        var dir = Path.Combine(_work, "out");
        var run = await GengbaoProcess.RunAsync(database, "pbf", "--county", "622921", "--year", "2024", "--out", dir, "--gap", "5",
            "--polluted", Layer("polluted.geojson", 4490, polluted.Json), "--fragile", Layer("fragile.geojson", 4522, fragile.Json));
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("PBF optimisation of 622921000000 (2024)", run.Stdout);
        Assert.Contains("withdraw, polluted: 1 parcels", run.Stdout);
        Assert.Contains("withdraw, fragile: 1 parcels", run.Stdout);

        var withdraw = File.ReadAllLines(Path.Combine(dir, "withdraw.csv"));
        Assert.Equal("fid,BSM,ZLDWDM,TBMJ,mu,block,block_m2,reasons,steep_share,layers", withdraw[0]);
        Assert.Contains(withdraw, l => l.StartsWith($"{polluted.Fid},", StringComparison.Ordinal) && l.Contains("Polluted", StringComparison.Ordinal) && l.EndsWith("polluted.geojson:polluted", StringComparison.Ordinal));
        Assert.Contains(withdraw, l => l.StartsWith($"{fragile.Fid},", StringComparison.Ordinal) && l.Contains("Fragile", StringComparison.Ordinal));
        Assert.True(withdraw.Length > 3, "fragments as well");
        var add = File.ReadAllLines(Path.Combine(dir, "add.csv"));
        Assert.Equal("fid,XMBH,XMMC,area_m2,mu", add[0]);
        var bins = File.ReadAllLines(Path.Combine(dir, "contiguity.csv"));
        Assert.Equal(6, bins.Length);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "summary.txt")), run.Stdout);

        // GDAL reads the GeoPackage; it holds the same candidates as the lists.
        var csv = Path.Combine(_work, "tchx.csv");
        Gdal.Ogr2Ogr("-f", "CSV", csv, Path.Combine(dir, "candidates.gpkg"), "TCHX");
        Assert.Equal(withdraw.Length, File.ReadAllLines(csv).Length);
        var brhx = Path.Combine(_work, "brhx.csv");
        Gdal.Ogr2Ogr("-f", "CSV", brhx, Path.Combine(dir, "candidates.gpkg"), "BRHX");
        Assert.Equal(add.Length, File.ReadAllLines(brhx).Length);

        var county = await GengbaoProcess.RunAsync(database, "pbf", "--county", "6229", "--year", "2024", "--out", dir);
        Assert.Equal(1, county.ExitCode);
        Assert.Contains("runs per county", county.Stderr);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
