using System.Text;
using Gengbao.Import.GeoJson;
using Gengbao.Import.Model;
using Gengbao.Import.Tests.TestData;
using NetTopologySuite.Geometries;

namespace Gengbao.Import.Tests.GeoJson;

public sealed class GeoJsonSourceTests
{
    [Fact]
    public void Legacy_crs_urn_gives_epsg_4522()
    {
        using var layer = GeoJsonSource.Open(TestFiles.PathTo("dltb-sample.geojson"));
        Assert.Equal(4522, layer.Epsg);
        Assert.Equal("urn:ogc:def:crs:EPSG::4522", layer.CrsDefinition);
        Assert.Equal("DLTB", layer.Name);
        Assert.Equal(5, layer.FeatureCount);
    }

    [Fact]
    public void Fields_are_inferred_in_first_seen_order_and_values_converted()
    {
        using var layer = GeoJsonSource.Open(TestFiles.PathTo("dltb-sample.geojson"));
        Assert.Equal(
            ["BSM:Integer", "TBBH:Text", "DLBM:Text", "DLMC:Text", "ZLDWDM:Text", "ZLDWMC:Text", "TBMJ:Real", "SJNF:Integer", "GXRQ:Text", "SFJBNT:Boolean"],
            layer.Fields.Select(f => $"{f.Name}:{f.Type}"));
        var features = layer.ReadFeatures().ToList();
        Assert.Equal([0L, 1L, 2L, 3L, 4L], features.Select(f => f.Fid));
        Assert.Equal(8L, Value(layer, features[0], "BSM"));
        Assert.Equal("临夏县土桥镇", Value(layer, features[0], "ZLDWMC"));
        Assert.Equal("水浇地", Value(layer, features[0], "DLMC"));
        Assert.Equal(67875.19, Value(layer, features[0], "TBMJ"));
        Assert.Equal(true, Value(layer, features[0], "SFJBNT"));
        Assert.Equal("2024-05-01", Value(layer, features[0], "GXRQ"));
        Assert.IsType<MultiPolygon>(features[0].Geometry);
        Assert.Equal(4522, features[0].Geometry!.SRID);
        Assert.Null(features[4].Geometry);
        Assert.Null(Value(layer, features[4], "GXRQ"));
        Assert.Equal(0.0, Value(layer, features[4], "TBMJ"));
    }

    [Fact]
    public void Epsg_code_name_is_read()
    {
        using var scratch = new ScratchFolder();
        var path = Write(scratch, "cgcs.geojson", """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4490"}},
             "features":[{"type":"Feature","properties":{"XZQMC":"临夏县"},"geometry":{"type":"Point","coordinates":[103.2,35.5]}}]}
            """);
        using var layer = GeoJsonSource.Open(path);
        Assert.Equal(4490, layer.Epsg);
        Assert.Equal("EPSG:4490", layer.CrsDefinition);
        Assert.Equal("cgcs", layer.Name);
    }

    [Fact]
    public void Without_crs_the_rfc7946_default_is_reported_and_epsg_left_open()
    {
        using var scratch = new ScratchFolder();
        var path = Write(scratch, "wgs.geojson", """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[103.2,35.5]}}]}
            """);
        using var layer = GeoJsonSource.Open(path);
        Assert.Null(layer.Epsg);
        Assert.Equal("RFC 7946 default (WGS 84)", layer.CrsDefinition);
        Assert.Empty(layer.Fields);
        Assert.IsType<Point>(Assert.Single(layer.ReadFeatures()).Geometry);
    }

    [Theory]
    [InlineData("urn:ogc:def:crs:EPSG::4522", 4522)]
    [InlineData("urn:ogc:def:crs:EPSG:6.6:4528", 4528)]
    [InlineData("EPSG:4490", 4490)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4549", 4549)]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84", null)]
    [InlineData("CGCS2000", null)]
    public void Crs_names_give_epsg_codes(string name, int? epsg)
    {
        using var scratch = new ScratchFolder();
        var path = Write(scratch, "named.geojson",
            "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + name + "\"}},\"features\":[]}");
        using var layer = GeoJsonSource.Open(path);
        Assert.Equal(epsg, layer.Epsg);
        Assert.Equal(name, layer.CrsDefinition);
        Assert.Equal(0, layer.FeatureCount);
    }

    [Fact]
    public void Value_not_fitting_the_majority_type_is_raw()
    {
        using var scratch = new ScratchFolder();
        var path = Write(scratch, "mixed.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"TBMJ":12.5,"BSM":1,"DLBM":"0101"},"geometry":null},
             {"type":"Feature","properties":{"TBMJ":"abc","BSM":"x2","DLBM":101},"geometry":null},
             {"type":"Feature","properties":{"TBMJ":7,"BSM":3,"DLBM":"0102","NEW":true},"geometry":null}]}
            """);
        using var layer = GeoJsonSource.Open(path);
        Assert.Equal(["TBMJ:Real", "BSM:Integer", "DLBM:Text", "NEW:Boolean"], layer.Fields.Select(f => $"{f.Name}:{f.Type}"));
        var features = layer.ReadFeatures().ToList();
        Assert.Equal(new RawValue("abc"), Value(layer, features[1], "TBMJ"));
        Assert.Equal(7.0, Value(layer, features[2], "TBMJ"));
        Assert.Equal(new RawValue("x2"), Value(layer, features[1], "BSM"));
        Assert.Equal("101", Value(layer, features[1], "DLBM"));
        Assert.Null(Value(layer, features[0], "NEW"));
    }

    [Fact]
    public void Nesting_deeper_than_64_is_refused()
    {
        using var scratch = new ScratchFolder();
        var deep = new string('[', 70) + new string(']', 70);
        var path = Write(scratch, "deep.geojson",
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":" + deep + "},\"geometry\":null}]}");
        var error = Assert.Throws<SourceFileException>(() => GeoJsonSource.Open(path));
        Assert.Contains("nested more than 64 levels", error.Message);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Nesting_of_exactly_64_levels_is_accepted()
    {
        using var scratch = new ScratchFolder();
        // Root object (1), features array (2), feature (3), properties (4), then 60 arrays: 64 levels.
        var nested = new string('[', 60) + new string(']', 60);
        var path = Write(scratch, "deep64.geojson",
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":" + nested + "},\"geometry\":null}]}");
        using var layer = GeoJsonSource.Open(path);
        Assert.Equal(FieldType.Text, Assert.Single(layer.Fields).Type);
        Assert.Single(layer.ReadFeatures());
    }

    [Fact]
    public void Large_file_streams_through_buffer_refills()
    {
        using var scratch = new ScratchFolder();
        var path = scratch.File("many.geojson");
        var longText = new string('田', 50_000); // 150 KB of UTF-8 in one value: larger than the first buffer
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(true)))
        {
            writer.Write("{\"type\":\"FeatureCollection\",\"name\":\"BIG\",\"features\":[");
            for (var i = 0; i < 20_000; i++)
            {
                writer.Write(i == 0 ? "" : ",\n");
                var note = i == 12_345 ? longText : "备注" + i;
                writer.Write($"{{\"type\":\"Feature\",\"properties\":{{\"BSM\":{i},\"BZ\":\"{note}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[{i + 1},0],[{i + 1},1],[0,0]]]}}}}");
            }
            writer.Write("],\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4522\"}}}");
        }

        using var layer = GeoJsonSource.Open(path);
        Assert.Equal("BIG", layer.Name);
        Assert.Equal(4522, layer.Epsg); // crs after features is found too
        Assert.Equal(20_000, layer.FeatureCount);
        long count = 0;
        foreach (var feature in layer.ReadFeatures())
        {
            Assert.Equal(count, Value(layer, feature, "BSM"));
            Assert.Equal(count + 1, feature.Geometry!.EnvelopeInternal.MaxX);
            if (count == 12_345)
            {
                Assert.Equal(longText, Value(layer, feature, "BZ"));
            }
            count++;
        }
        Assert.Equal(20_000, count);
    }

    [Theory]
    [InlineData("{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}", "FeatureCollection")]
    [InlineData("[1,2,3]", "not a GeoJSON FeatureCollection")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{}", "truncated")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\" \"properties\":{}}]}", "not valid JSON")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Point\",\"coordinates\":[1,2]}]}", "features[0] is not a GeoJSON Feature")]
    [InlineData("{\"type\":\"FeatureCollection\"}", "no 'features' array")]
    [InlineData("", "empty")]
    public void Malformed_files_are_refused_with_a_reason(string json, string reason)
    {
        using var scratch = new ScratchFolder();
        var path = Write(scratch, "bad.geojson", json);
        var error = Assert.Throws<SourceFileException>(() => GeoJsonSource.Open(path));
        Assert.Contains(reason, error.Message);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void Invalid_geometry_json_names_the_feature()
    {
        using var scratch = new ScratchFolder();
        var path = Write(scratch, "badgeom.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},
             {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":"oops"}}]}
            """);
        using var layer = GeoJsonSource.Open(path);
        var error = Assert.Throws<SourceFileException>(() => layer.ReadFeatures().ToList());
        Assert.Contains("feature 1", error.Message);
    }

    private static string Write(ScratchFolder scratch, string name, string json)
    {
        var path = scratch.File(name);
        File.WriteAllText(path, json);
        return path;
    }

    private static object? Value(SourceLayer layer, SourceFeature feature, string field) => feature.Values[layer.FieldIndex(field)];
}
