using Gengbao.Import.Model;
using Gengbao.Import.Shapefile;
using Gengbao.Import.Tests.TestData;
using NetTopologySuite.Geometries;

namespace Gengbao.Import.Tests.Shapefile;

/// <summary>
/// Shapefile reading against the fixtures of TestData/make-fixtures.sh: four DLTB patches of the sample county
/// (EPSG:4522) plus a record with a null shape.
/// </summary>
public sealed class ShapefileSourceTests
{
    [Fact]
    public void Gbk_without_cpg_reads_chinese_names()
    {
        using var layer = OpenSingle(TestFiles.PathTo("shp-gbk/DLTB.shp"));
        var shapefile = Assert.IsType<ShapefileLayer>(layer);
        Assert.Equal(936, shapefile.DbfEncoding.CodePage);
        Assert.Contains("default GBK", shapefile.DbfEncodingSource);

        var features = layer.ReadFeatures().ToList();
        Assert.Equal(5, layer.FeatureCount);
        Assert.Equal(5, features.Count);
        Assert.Equal("水浇地", Value(layer, features[0], "DLMC"));
        Assert.Equal("临夏县土桥镇", Value(layer, features[0], "ZLDWMC"));
        Assert.Equal("临夏县", Value(layer, features[4], "ZLDWMC"));
        Assert.Equal("旱地", Value(layer, features[4], "DLMC"));
    }

    [Fact]
    public void Utf8_cpg_reads_chinese_names()
    {
        using var layer = OpenSingle(TestFiles.PathTo("shp-utf8/DLTB.shp"));
        Assert.Contains(".cpg", ((ShapefileLayer)layer).DbfEncodingSource);
        var first = layer.ReadFeatures().First();
        Assert.Equal("水浇地", Value(layer, first, "DLMC"));
        Assert.Equal("临夏县土桥镇", Value(layer, first, "ZLDWMC"));
    }

    [Fact]
    public void Field_types_follow_the_dbf_declarations()
    {
        using var layer = OpenSingle(TestFiles.PathTo("shp-gbk/DLTB.shp"));
        Assert.Equal(
            ["BSM:Integer", "TBBH:Text", "DLBM:Text", "DLMC:Text", "ZLDWDM:Text", "ZLDWMC:Text", "TBMJ:Real", "SJNF:Integer", "GXRQ:Date", "SFJBNT:Boolean"],
            layer.Fields.Select(f => $"{f.Name}:{f.Type}"));
        var features = layer.ReadFeatures().ToList();
        Assert.Equal(8L, Value(layer, features[0], "BSM"));
        Assert.Equal("0102", Value(layer, features[0], "DLBM"));
        Assert.Equal(67875.19, Value(layer, features[0], "TBMJ"));
        Assert.Equal(2024L, Value(layer, features[0], "SJNF"));
        Assert.Equal(new DateOnly(2024, 5, 1), Value(layer, features[0], "GXRQ"));
        Assert.Equal(true, Value(layer, features[0], "SFJBNT"));
        Assert.Equal(false, Value(layer, features[1], "SFJBNT"));
        Assert.Null(Value(layer, features[4], "GXRQ"));
        Assert.Null(Value(layer, features[4], "SFJBNT"));
    }

    [Fact]
    public void Polygons_are_multipolygons_and_null_shapes_are_null()
    {
        using var layer = OpenSingle(TestFiles.PathTo("shp-gbk/DLTB.shp"));
        var features = layer.ReadFeatures().ToList();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], features.Select(f => f.Fid));
        foreach (var feature in features.Take(4))
        {
            var polygon = Assert.IsType<MultiPolygon>(feature.Geometry);
            Assert.True(polygon.IsValid);
            Assert.InRange(polygon.Coordinate.X, 34_000_000, 35_000_000); // zone-prefixed easting of EPSG:4522
        }
        Assert.Null(features[4].Geometry);
        Assert.Contains("CGCS2000", layer.CrsDefinition);
        Assert.Equal(4522, layer.Epsg);
        Assert.Equal(4522, features[0].Geometry!.SRID);
    }

    [Fact]
    public void Records_flagged_deleted_are_skipped()
    {
        using var scratch = new ScratchFolder();
        var folder = scratch.CopyFixture("shp-gbk");
        PatchDbf(Path.Combine(folder, "DLTB.dbf"), (bytes, headerLength, recordLength) => bytes[headerLength + (2 * recordLength)] = (byte)'*');
        using var layer = OpenSingle(folder);
        Assert.Equal([1L, 2L, 4L, 5L], layer.ReadFeatures().Select(f => f.Fid));
    }

    [Theory]
    [InlineData(0x4D, 936, "language driver")]
    [InlineData(0x57, 936, "default GBK")]
    [InlineData(0x03, 1252, "language driver")]
    public void Language_driver_id_decides_when_there_is_no_cpg(byte id, int codePage, string source)
    {
        using var scratch = new ScratchFolder();
        var folder = scratch.CopyFixture("shp-gbk");
        PatchDbf(Path.Combine(folder, "DLTB.dbf"), (bytes, _, _) => bytes[29] = id);
        using var layer = (ShapefileLayer)OpenSingle(folder);
        Assert.Equal(codePage, layer.DbfEncoding.CodePage);
        Assert.Contains(source, layer.DbfEncodingSource);
    }

    [Fact]
    public void Text_in_a_numeric_field_is_kept_as_raw_value()
    {
        using var layer = OpenSingle(TestFiles.PathTo("shp-bad-number/DLTB.shp"));
        var features = layer.ReadFeatures().ToList();
        Assert.Equal(new RawValue("abc"), Value(layer, features[1], "TBMJ"));
        Assert.IsType<double>(Value(layer, features[0], "TBMJ"));
        Assert.IsType<double>(Value(layer, features[2], "TBMJ"));
    }

    [Fact]
    public void Missing_dbf_is_an_error_naming_the_dbf()
    {
        using var scratch = new ScratchFolder();
        var folder = scratch.CopyFixture("shp-gbk", keep: f => !f.EndsWith(".dbf", StringComparison.Ordinal));
        var error = Assert.Throws<SourceFileException>(() => ShapefileSource.Open(Path.Combine(folder, "DLTB.shp")));
        Assert.Contains("DLTB.dbf", error.Message);
        Assert.Contains("missing", error.Message);
        Assert.Equal("DLTB", error.Layer);
    }

    [Fact]
    public void Missing_shx_is_an_error_naming_the_shx()
    {
        using var scratch = new ScratchFolder();
        var folder = scratch.CopyFixture("shp-gbk", keep: f => !f.EndsWith(".shx", StringComparison.Ordinal));
        var error = Assert.Throws<SourceFileException>(() => ShapefileSource.Open(folder));
        Assert.Contains("DLTB.shx", error.Message);
    }

    [Fact]
    public void Sibling_files_are_matched_ignoring_case()
    {
        using var scratch = new ScratchFolder();
        var folder = scratch.CopyFixture("shp-utf8");
        File.Move(Path.Combine(folder, "DLTB.shp"), Path.Combine(folder, "DLTB.SHP"));
        File.Move(Path.Combine(folder, "DLTB.cpg"), Path.Combine(folder, "DLTB.CPG"));
        using var layer = OpenSingle(Path.Combine(folder, "DLTB.SHP"));
        Assert.Equal("水浇地", Value(layer, layer.ReadFeatures().First(), "DLMC"));
    }

    [Fact]
    public void A_folder_opens_every_shapefile_in_it()
    {
        using var scratch = new ScratchFolder();
        scratch.CopyFixture("shp-gbk", target: "a");
        scratch.CopyFixture("shp-utf8", target: "b");
        var layers = ShapefileSource.Open(scratch.Path);
        try
        {
            Assert.Equal(2, layers.Count);
            Assert.All(layers, l => Assert.Equal("DLTB", l.Name));
            Assert.EndsWith(Path.Combine("a", "DLTB.shp"), layers[0].SourcePath);
        }
        finally
        {
            foreach (var layer in layers)
            {
                layer.Dispose();
            }
        }
    }

    [Fact]
    public void Unknown_cpg_is_an_error()
    {
        using var scratch = new ScratchFolder();
        var folder = scratch.CopyFixture("shp-utf8");
        File.WriteAllText(Path.Combine(folder, "DLTB.cpg"), "KLINGON-42");
        var error = Assert.Throws<SourceFileException>(() => ShapefileSource.Open(folder));
        Assert.Contains("KLINGON-42", error.Message);
    }

    [Fact]
    public void Dbf_with_fewer_records_than_shapes_is_an_error()
    {
        using var scratch = new ScratchFolder();
        var folder = scratch.CopyFixture("shp-gbk");
        var dbf = Path.Combine(folder, "DLTB.dbf");
        var bytes = File.ReadAllBytes(dbf);
        bytes[4] = 4; // record count 5 → 4
        File.WriteAllBytes(dbf, bytes);
        var error = Assert.Throws<SourceFileException>(() => ShapefileSource.Open(folder));
        Assert.Contains("4 records", error.Message);
        Assert.Contains("5 shapes", error.Message);
    }

    [Fact]
    public void Path_that_is_not_a_shapefile_is_an_error()
    {
        using var scratch = new ScratchFolder();
        Assert.Contains("not found", Assert.Throws<SourceFileException>(() => ShapefileSource.Open(scratch.File("nope.shp"))).Message);
        Assert.Contains("no shapefile", Assert.Throws<SourceFileException>(() => ShapefileSource.Open(scratch.Path)).Message);
        File.WriteAllText(scratch.File("x.txt"), "x");
        Assert.Contains("not a shapefile", Assert.Throws<SourceFileException>(() => ShapefileSource.Open(scratch.File("x.txt"))).Message);
    }

    private static void PatchDbf(string path, Action<byte[], int, int> patch)
    {
        var bytes = File.ReadAllBytes(path);
        patch(bytes, BitConverter.ToUInt16(bytes, 8), BitConverter.ToUInt16(bytes, 10));
        File.WriteAllBytes(path, bytes);
    }

    internal static SourceLayer OpenSingle(string path) => Assert.Single(ShapefileSource.Open(path));

    internal static object? Value(SourceLayer layer, SourceFeature feature, string field) => feature.Values[layer.FieldIndex(field)];
}
