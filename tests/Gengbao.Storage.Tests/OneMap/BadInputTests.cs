using System.Diagnostics;
using Gengbao.Import;
using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Gengbao.TestSupport;
using Npgsql;

namespace Gengbao.Storage.Tests.OneMap;

/// <summary>
/// Every kind of bad input fails with a message naming where the problem is, and leaves the database exactly as it
/// was (row counts and content checksums compared before and after). The database already holds the sample, so a
/// half-applied import would show.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-bad-").FullName;
    private string _connectionString = "";
    private NpgsqlDataSource _dataSource = null!;
    private string _before = "";

    public async Task InitializeAsync()
    {
        _connectionString = await ThrowawayCluster.CreateDatabaseAsync("badinput");
        _dataSource = GengbaoDatabase.CreateDataSource(_connectionString);
        await new OneMapImporter(_dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
        _before = await DatabaseFingerprint.TakeAsync(_connectionString);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task TruncatedGeoPackage()
    {
        var path = Path.Combine(_work, "truncated.gpkg");
        var bytes = await File.ReadAllBytesAsync(SharedData.SampleGeoPackage);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        var error = await FailsAsync<SourceFileException>(path);
        Assert.Contains("truncated.gpkg", error.Message);
        Assert.Contains("truncated", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TextInANumericField()
    {
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "text-in-number.gpkg"))
        {
            gpkg.SetValue("DLTB", 12, "TBMJ", "abc");
        }
        var error = await FailsAsync<ImportFailedException>(Path.Combine(_work, "text-in-number.gpkg"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("DLTB", 12L, "TBMJ"), (problem.Layer, problem.Fid!.Value, problem.Field));
        Assert.Contains("'abc' is not a number", problem.Message);
        Assert.Contains("layer DLTB: feature 12 (BSM 12): field TBMJ", problem.ToString());
    }

    [Fact]
    public async Task TenDigitAdminCode()
    {
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "short-code.gpkg"))
        {
            gpkg.SetValue("DLTB", 7, "ZLDWDM", "6229211002");
        }
        var error = await FailsAsync<ImportFailedException>(Path.Combine(_work, "short-code.gpkg"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("DLTB", 7L, "ZLDWDM"), (problem.Layer, problem.Fid!.Value, problem.Field));
        Assert.Contains("10 digits", problem.Message);
    }

    [Fact]
    public async Task SelfIntersectingPolygon()
    {
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "bowtie.gpkg"))
        {
            gpkg.SetGeometry("DLTB", 3, "MULTIPOLYGON (((34600000 3930000, 34600100 3930100, 34600100 3930000, 34600000 3930100, 34600000 3930000)))", 4522);
        }
        var error = await FailsAsync<ImportFailedException>(Path.Combine(_work, "bowtie.gpkg"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("DLTB", 3L, "geometry"), (problem.Layer, problem.Fid!.Value, problem.Field));
        Assert.Contains("Self-intersection", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForeignCrs()
    {
        var path = Path.Combine(_work, "wgs84.gpkg");
        Gdal.Ogr2Ogr("-f", "GPKG", path, SharedData.SampleGeoPackage, "BHTB", "-t_srs", "EPSG:4326");
        var error = await FailsAsync<ImportFailedException>(path);
        var problem = Assert.Single(error.Problems);
        Assert.Equal("BHTB", problem.Layer);
        Assert.Contains("unsupported coordinate reference system", problem.Message);
    }

    [Fact]
    public async Task MissingCrs()
    {
        var folder = Path.Combine(_work, "noprj");
        Directory.CreateDirectory(folder);
        Gdal.Ogr2Ogr("-f", "ESRI Shapefile", Path.Combine(folder, "BHTB.shp"), SharedData.SampleGeoPackage, "BHTB", "-lco", "ENCODING=UTF-8");
        File.Delete(Path.Combine(folder, "BHTB.prj"));
        var error = await FailsAsync<ImportFailedException>(Path.Combine(folder, "BHTB.shp"));
        Assert.Contains("no coordinate reference system", Assert.Single(error.Problems).Message);
    }

    [Fact]
    public async Task ShapefileWithoutDbf()
    {
        var folder = Path.Combine(_work, "nodbf");
        Directory.CreateDirectory(folder);
        Gdal.Ogr2Ogr("-f", "ESRI Shapefile", Path.Combine(folder, "BHTB.shp"), SharedData.SampleGeoPackage, "BHTB");
        File.Delete(Path.Combine(folder, "BHTB.dbf"));
        var error = await FailsAsync<SourceFileException>(Path.Combine(folder, "BHTB.shp"));
        Assert.Contains("BHTB.dbf", error.Message);
    }

    [Fact]
    public async Task ManyProblemsAreAllReportedAndNothingIsWritten()
    {
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "many.gpkg"))
        {
            gpkg.SetValue("DLTB", 20, "DLBM", "01x1");
            gpkg.SetValue("DLTB", 21, "BSM", 22);
            gpkg.SetValue("BHTB", 5, "HSX", "not a date");
        }
        var error = await FailsAsync<ImportFailedException>(Path.Combine(_work, "many.gpkg"));
        Assert.Contains(error.Problems, p => p is { Layer: "DLTB", Fid: 20, Field: "DLBM" } && p.Message.Contains("'01x1'"));
        Assert.Contains(error.Problems, p => p is { Layer: "DLTB", Field: "BSM" } && p.Message.Contains("duplicate identifier"));
        Assert.Contains(error.Problems, p => p is { Layer: "BHTB", Fid: 5, Field: "HSX" });
    }

    [Fact]
    public async Task SkipInvalidImportsTheRestAndReportsTheSkipped()
    {
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "skip.gpkg"))
        {
            gpkg.SetValue("DLTB", 30, "DLBM", "9999");
        }
        var result = await new OneMapImporter(_dataSource).ImportAsync(Path.Combine(_work, "skip.gpkg"), new ImportOptions { Year = 2024, SkipInvalid = true });
        Assert.Equal(30L, Assert.Single(result.Skipped).Fid);
        Assert.Equal(19_996L, result.Layers.Single(l => l.Layer == "DLTB").FeatureCount);
    }

    private async Task<T> FailsAsync<T>(string path) where T : Exception
    {
        var error = await Assert.ThrowsAsync<T>(() => new OneMapImporter(_dataSource).ImportAsync(path, new ImportOptions { Year = 2024 }));
        Assert.Equal(_before, await DatabaseFingerprint.TakeAsync(_connectionString));
        return error;
    }

}
