using System.Diagnostics;
using Gengbao.Import.GeoPackage;
using Gengbao.Import.Model;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gengbao.Import.Tests.GeoPackage;

/// <summary>
/// Writes GeoPackages and checks them with GDAL's own tools (ogrinfo from Debian), so "GDAL can read it" is tested
/// against the real reader rather than our own.
/// </summary>
public sealed class GeoPackageWriterTests : IDisposable
{
    private static readonly SourceField[] Fields =
    [
        new("BSM", FieldType.Integer),
        new("DLBM", FieldType.Text),
        new("TBMJ", FieldType.Real),
        new("HSX", FieldType.Date),
        new("GXSJ", FieldType.DateTime),
        new("SFYN", FieldType.Boolean),
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("gpkg-writer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void GdalReadsCountsFieldTypesCrsAndRtree()
    {
        var path = Path.Combine(_directory, "two-layers.gpkg");
        using (var writer = GeoPackageWriter.Create(path))
        {
            WriteSquares(writer, "DLTB", 1000);
            WriteSquares(writer, "BHTB", 7);
        }

        Assert.True(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
        var summary = Ogrinfo("-so", path, "DLTB");
        Assert.Contains("Geometry: Multi Polygon", summary);
        Assert.Contains("Feature Count: 1000", summary);
        Assert.Contains("CGCS2000 / 3-degree Gauss-Kruger zone 34", summary);
        Assert.Contains("ID[\"EPSG\",4522]", summary);
        Assert.Contains("BSM: Integer64", summary);
        Assert.Contains("DLBM: String", summary);
        Assert.Contains("TBMJ: Real", summary);
        Assert.Contains("HSX: Date", summary);
        Assert.Contains("GXSJ: DateTime", summary);
        Assert.Contains("SFYN: Integer(Boolean)", summary);
        Assert.Contains("Extent: (34600000.000000, 3900000.000000) - (34650000.000000, 3900060.000000)", summary);
        Assert.Contains("Feature Count: 7", Ogrinfo("-so", path, "BHTB"));

        Assert.Equal("1000", SqlScalar(path, "SELECT count(*) AS n FROM rtree_DLTB_geom", "n"));
        Assert.Equal("1000", SqlScalar(path, "SELECT sum(ST_IsValid(geom)) AS v FROM DLTB", "v", "sqlite"));
        Assert.Equal("5", SqlScalar(path, "SELECT count(*) AS n FROM rtree_DLTB_geom WHERE maxx < 34600300", "n"));
        Assert.Equal("2", SqlScalar(path, "SELECT count(*) AS n FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'", "n"));
    }

    [Fact]
    public void Ogr2ogrConvertsEveryFeature()
    {
        var path = Path.Combine(_directory, "convert.gpkg");
        using (var writer = GeoPackageWriter.Create(path))
        {
            WriteSquares(writer, "DLTB", 250);
        }
        var json = Path.Combine(_directory, "dltb.geojson");
        Run("ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4490", json, path, "DLTB");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        var features = document.RootElement.GetProperty("features");
        Assert.Equal(250, features.GetArrayLength());
        var first = features[0];
        Assert.Equal("MultiPolygon", first.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal("0103", first.GetProperty("properties").GetProperty("DLBM").GetString());
        // 34 600 000 E in zone 34 is 103.1° E; GDAL had to understand the CRS to get there.
        var lon = first.GetProperty("geometry").GetProperty("coordinates")[0][0][0][0].GetDouble();
        Assert.InRange(lon, 103.0, 103.2);
    }

    [Fact]
    public void ValuesAndGeometryRoundTripThroughGdal()
    {
        var path = Path.Combine(_directory, "values.gpkg");
        var factory = new GeometryFactory(new PrecisionModel(), 4522);
        var reader = new WKTReader(new NtsGeometryServices(factory.PrecisionModel, 4522));
        var withHole = reader.Read(
            "MULTIPOLYGON (((34600000 3900000, 34600100 3900000, 34600100 3900100, 34600000 3900100, 34600000 3900000), " +
            "(34600010 3900010, 34600010 3900020, 34600020 3900020, 34600010 3900010)), " +
            "((34600200 3900000, 34600300 3900000, 34600300 3900050, 34600200 3900000)))");
        using (var writer = GeoPackageWriter.Create(path))
        {
            writer.BeginLayer("T", 4522, Fields);
            writer.Write(withHole, [42L, "0103", 1234.56, new DateOnly(2024, 3, 30),
                new DateTime(2024, 3, 30, 8, 15, 0, DateTimeKind.Utc), true]);
            writer.Write(factory.CreatePolygon(), [null, null, null, null, null, null]);
            writer.EndLayer();
        }

        var text = Ogrinfo(path, "T");
        Assert.Contains("BSM (Integer64) = 42", text);
        Assert.Contains("DLBM (String) = 0103", text);
        Assert.Contains("TBMJ (Real) = 1234.56", text);
        Assert.Contains("HSX (Date) = 2024/03/30", text);
        Assert.Contains("GXSJ (DateTime) = 2024/03/30 08:15:00", text);
        Assert.Contains("SFYN (Integer(Boolean)) = 1", text);
        Assert.Contains("MULTIPOLYGON (((34600000 3900000,34600100 3900000,34600100 3900100,34600000 3900100,34600000 3900000)," +
            "(34600010 3900010,34600010 3900020,34600020 3900020,34600010 3900010)),((34600200 3900000,34600300 3900000," +
            "34600300 3900050,34600200 3900000)))", text);
        Assert.Equal("1", SqlScalar(path, "SELECT count(*) AS n FROM rtree_T_geom", "n"));
    }

    [Fact]
    public void PolygonIsStoredAsMultiPolygonAndOtherSrsIsGenerated()
    {
        var path = Path.Combine(_directory, "zone39.gpkg");
        var factory = new GeometryFactory(new PrecisionModel(), 4548);
        using (var writer = GeoPackageWriter.Create(path))
        {
            writer.BeginLayer("XZQ", 4548, [new SourceField("XZQDM", FieldType.Text)]);
            writer.Write(Square(factory, 500000, 3300000, 10), ["440100000000"]);
            writer.EndLayer();
        }
        var summary = Ogrinfo("-so", path, "XZQ");
        Assert.Contains("CGCS2000 / 3-degree Gauss-Kruger CM 117E", summary);
        Assert.Contains("ID[\"EPSG\",4548]", summary);
        Assert.Contains("MULTIPOLYGON (((", Ogrinfo(path, "XZQ"));
    }

    [Fact]
    public void FailureLeavesNoFile()
    {
        var path = Path.Combine(_directory, "failed.gpkg");
        var factory = new GeometryFactory(new PrecisionModel(), 4522);
        using (var writer = GeoPackageWriter.Create(path))
        {
            writer.BeginLayer("T", 4522, [new SourceField("N", FieldType.Integer)]);
            writer.Write(Square(factory, 0, 0, 1), [1L]);
            Assert.Throws<ArgumentException>(() => writer.Write(Square(factory, 0, 0, 1), ["not a number"]));
            Assert.Throws<InvalidOperationException>(writer.EndLayer);
        }
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void OpenLayerOrAbortLeavesNoFileAndKeepsTheOldOne()
    {
        var path = Path.Combine(_directory, "kept.gpkg");
        File.WriteAllText(path, "previous");
        var factory = new GeometryFactory(new PrecisionModel(), 4522);
        using (var writer = GeoPackageWriter.Create(path))
        {
            writer.BeginLayer("T", 4522, []);
            writer.Write(Square(factory, 0, 0, 1), []);
        }
        using (var writer = GeoPackageWriter.Create(path))
        {
            writer.BeginLayer("T", 4522, []);
            writer.EndLayer();
            writer.Abort();
        }
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void RejectsLinesAndUnknownCrs()
    {
        var path = Path.Combine(_directory, "reject.gpkg");
        var factory = new GeometryFactory(new PrecisionModel(), 4522);
        using var writer = GeoPackageWriter.Create(path);
        Assert.Throws<ArgumentException>(() => writer.BeginLayer("T", 3857, []));
        using var second = GeoPackageWriter.Create(Path.Combine(_directory, "reject2.gpkg"));
        second.BeginLayer("T", 4522, []);
        Assert.Throws<ArgumentException>(() =>
            second.Write(factory.CreateLineString([new Coordinate(0, 0), new Coordinate(1, 1)]), []));
    }

    private static void WriteSquares(GeoPackageWriter writer, string layer, int count)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4522);
        writer.BeginLayer(layer, 4522, Fields);
        for (var i = 0; i < count; i++)
        {
            var x = 34_600_000 + 50.0 * i;
            writer.Write(Square(factory, x, 3_900_000, 50 + (i % 3) * 5),
                [(long)i + 1, "0103", 2500.0 + i, new DateOnly(2024, 1, 1).AddDays(i % 300), null, i % 2 == 0]);
        }
        writer.EndLayer();
    }

    private static Polygon Square(GeometryFactory factory, double x, double y, double size) => factory.CreatePolygon(
    [
        new Coordinate(x, y), new Coordinate(x + size, y), new Coordinate(x + size, y + size),
        new Coordinate(x, y + size), new Coordinate(x, y),
    ]);

    private static string SqlScalar(string path, string sql, string column, string? dialect = null)
    {
        var arguments = new List<string> { "-q", "-sql", sql };
        if (dialect is not null)
        {
            arguments.AddRange(["-dialect", dialect]);
        }
        arguments.Add(path);
        var output = Ogrinfo([.. arguments]);
        var line = output.Split('\n').Single(l => l.TrimStart().StartsWith(column + " (", StringComparison.Ordinal));
        return line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string Ogrinfo(params string[] arguments) => Run("ogrinfo", arguments);

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var output = stdout.Result;
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} failed: {stderr}");
        // GDAL warns on stderr about anything non-conformant it notices while reading; a clean file gives none.
        Assert.True(string.IsNullOrWhiteSpace(stderr), $"{tool} warned: {stderr}");
        return output;
    }
}
