using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace Gengbao.Web.Tests;

/// <summary>/tiles: the layer catalogue, MVT content and properties, ETag revalidation and invalidation, 204 and errors.</summary>
[Collection(WebCollection.Name)]
public sealed class TileApiTests(WebFixture fixture)
{
    // Tile 11/1611/807 (XYZ) lies inside the sample county (103.0–103.4°E, 35.4–35.7°N).
    private const int Z = 11, X = 1611, Y = 807;

    [Fact]
    public async Task Layers_json_lists_every_layer_with_its_years_and_the_extent()
    {
        using var doc = JsonDocument.Parse(await fixture.Http.GetStringAsync("/tiles/layers.json"));
        var layers = doc.RootElement.GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("id").GetString()!);
        Assert.Equal(["admin", "dltb", "yjjbnt", "gbznt", "pzyd", "bhtb"], layers.Keys);
        Assert.All(layers.Values, l => Assert.Equal([WebFixture.Year, WebFixture.EarlierYear], l.GetProperty("years").EnumerateArray().Select(y => y.GetInt32())));
        Assert.Equal("地类图斑", layers["dltb"].GetProperty("title").GetString());
        var extent = doc.RootElement.GetProperty("extent").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(103.0, extent[0], 0.01);
        Assert.Equal(35.4, extent[1], 0.01);
        Assert.Equal(103.4, extent[2], 0.01);
        Assert.Equal(35.7, extent[3], 0.01);
    }

    [Theory]
    [InlineData("dltb", new[] { "dlbm", "dlmc", "spatial_code", "area_m2" })]
    [InlineData("yjjbnt", new[] { "spatial_code", "area_m2" })]
    [InlineData("bhtb", new[] { "jcbh", "class", "spatial_code", "area_m2" })]
    [InlineData("admin", new[] { "code", "name", "level", "spatial_code" })]
    public async Task A_tile_holds_the_layer_features_with_the_properties_for_styling_and_identify(string layer, string[] properties)
    {
        var (z, x, y) = layer == "bhtb" ? (9, 402, 202) : (Z, X, Y);
        if (layer == "bhtb")
        {
            // The imports queued screening runs; let the server's worker finish them so the classes are settled.
            for (var i = 0; i < 600 && await fixture.ScalarAsync<long>("SELECT count(*) FROM screening_run WHERE status IN ('queued', 'running')") > 0; i++)
            {
                await Task.Delay(200);
            }
            Assert.True(await fixture.ScalarAsync<long>("SELECT count(*) FROM screening_result") > 0, "the worker screened the imported change patches");
        }
        using var response = await fixture.Http.GetAsync($"/tiles/{layer}/{z}/{x}/{y}.mvt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache, "tiles revalidate");
        Assert.NotNull(response.Headers.ETag);

        var tile = new MapboxTileReader().Read(await response.Content.ReadAsStreamAsync(), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z));
        var mvtLayer = Assert.Single(tile.Layers, l => l.Name == layer);
        Assert.NotEmpty(mvtLayer.Features);
        foreach (var feature in mvtLayer.Features.Take(50))
        {
            foreach (var property in properties)
            {
                Assert.True(feature.Attributes.Exists(property), $"{layer} feature lacks '{property}'");
            }
        }
        if (layer == "bhtb")
        {
            // Coloured by the stored screening (the server's worker screens the imported patches), else unscreened.
            var classes = (await fixture.RowsAsync($"SELECT jcbh, class FROM screening_result WHERE year = {WebFixture.Year}"))
                .ToDictionary(r => (string)r[0], r => (string)r[1]);
            Assert.All(mvtLayer.Features, f => Assert.Equal(
                classes.GetValueOrDefault((string)f.Attributes["jcbh"], "unscreened"), f.Attributes["class"]));
        }
        if (layer == "admin")
        {
            Assert.Contains(tile.Layers, l => l.Name == "admin_label" && l.Features.Count > 0);
        }
    }

    [Fact]
    public async Task The_etag_answers_304_until_the_layer_versions_change()
    {
        var url = $"/tiles/dltb/{Z}/{X}/{Y}.mvt";
        using var first = await fixture.Http.GetAsync(url);
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await fixture.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // A new current version of DLTB (another county) changes the stamp: the old ETag no longer matches.
        var id = await fixture.ScalarAsync<long>("""
            INSERT INTO layer_version (layer, county_code, year, status, source_file, source_layer, source_sha256, feature_count, srid)
            VALUES ('DLTB', '999999', 2024, 'current', 'etag-test.gpkg', 'DLTB', 'x', 0, 4522) RETURNING id
            """);
        try
        {
            using var stale = new HttpRequestMessage(HttpMethod.Get, url);
            stale.Headers.IfNoneMatch.Add(etag);
            using var fresh = await fixture.Http.SendAsync(stale);
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.NotEqual(etag, fresh.Headers.ETag);
            Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await fresh.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            await fixture.ScalarAsync<object?>($"DELETE FROM layer_version WHERE id = {id} RETURNING NULL");
        }
    }

    [Fact]
    public async Task An_explicit_year_without_data_and_a_tile_far_away_are_empty()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Http.GetAsync($"/tiles/dltb/{Z}/{X}/{Y}.mvt?year=1999")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Http.GetAsync("/tiles/dltb/11/0/0.mvt")).StatusCode);
    }

    [Theory]
    [InlineData("/tiles/roads/11/1611/807.mvt", HttpStatusCode.NotFound)]
    [InlineData("/tiles/dltb/3/8/0.mvt", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/dltb/30/0/0.mvt", HttpStatusCode.BadRequest)]
    public async Task Bad_tile_requests_are_refused(string url, HttpStatusCode status)
    {
        Assert.Equal(status, (await fixture.Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_front_end_is_served_with_its_default_document()
    {
        using var index = await fixture.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("text/html"), new MediaTypeHeaderValue(index.Content.Headers.ContentType!.MediaType!));
        Assert.Contains("一张图", await index.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/dashboard.html")).StatusCode);
    }
}
