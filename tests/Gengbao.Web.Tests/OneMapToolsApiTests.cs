using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Gengbao.Web.Tests;

/// <summary>/api/onemap/search and /api/onemap/measure.</summary>
[Collection(WebCollection.Name)]
public sealed class OneMapToolsApiTests(WebFixture fixture)
{
    private async Task<JsonElement[]> SearchAsync(string q) =>
        (await fixture.Http.GetFromJsonAsync<JsonElement[]>($"/api/onemap/search?q={Uri.EscapeDataString(q)}"))!;

    [Fact]
    public async Task Search_finds_a_parcel_by_spatial_code_prefix_with_its_bbox()
    {
        var row = (await fixture.RowsAsync($"SELECT spatial_code, ST_XMin(geom_4490), ST_YMax(geom_4490) FROM dltb WHERE year = {WebFixture.Year} ORDER BY spatial_code LIMIT 1")).Single();
        var code = (string)row[0];
        var hits = await SearchAsync(code[..^2]);
        var hit = Assert.Single(hits, h => h.GetProperty("code").GetString() == code && h.GetProperty("year").GetInt32() == WebFixture.Year);
        Assert.Contains(hits, h => h.GetProperty("code").GetString() == code && h.GetProperty("year").GetInt32() == WebFixture.EarlierYear);
        Assert.Equal("DLTB", hit.GetProperty("layer").GetString());
        Assert.Equal(code, hit.GetProperty("spatialCode").GetString());
        var bbox = hit.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal((double)row[1], bbox[0], 1e-9);
        Assert.Equal((double)row[2], bbox[3], 1e-9);
    }

    [Fact]
    public async Task Search_finds_an_admin_unit_by_name_and_a_change_patch_by_jcbh()
    {
        var township = (await fixture.RowsAsync($"SELECT code, name FROM admin_unit WHERE level = 4 AND year = {WebFixture.Year} ORDER BY code LIMIT 1")).Single();
        var admin = await SearchAsync((string)township[1]);
        Assert.Contains(admin, h => h.GetProperty("kind").GetString() == "admin" && h.GetProperty("code").GetString() == (string)township[0]);

        var jcbh = await fixture.ScalarAsync<string>($"SELECT jcbh FROM bhtb WHERE year = {WebFixture.Year} ORDER BY jcbh DESC LIMIT 1");
        var change = Assert.Single(await SearchAsync(jcbh), h => h.GetProperty("year").GetInt32() == WebFixture.Year);
        Assert.Equal("jcbh", change.GetProperty("kind").GetString());
        Assert.Equal(await fixture.ScalarAsync<string>($"SELECT spatial_code FROM bhtb WHERE year = {WebFixture.Year} AND jcbh = '{jcbh}'"), change.GetProperty("spatialCode").GetString());

        Assert.Empty(await SearchAsync("%"));
        Assert.Empty(await SearchAsync("   "));
    }

    [Fact]
    public async Task Measure_gives_the_official_area_of_a_parcel_drawn_from_its_own_vertices()
    {
        // A stored patch's ring, sent back as GeoJSON in 4490: the answer is its stored official area.
        var row = (await fixture.RowsAsync($"""
            SELECT ST_AsGeoJSON(geom_4490, 12), area_m2 FROM dltb WHERE year = {WebFixture.Year} ORDER BY area_m2 DESC LIMIT 1
            """)).Single();
        using var response = await fixture.Http.PostAsync("/api/onemap/measure", new StringContent((string)row[0], Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((double)(decimal)row[1], result.GetProperty("areaM2").GetDouble(), 0.011);
        Assert.Equal((double)(decimal)row[1] * 0.0015, result.GetProperty("areaMu").GetDouble(), 0.001);
        Assert.Equal(4522, result.GetProperty("zoneEpsg").GetInt32());
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[103.2,35.5]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[3.2,35.5],[3.3,35.5],[3.3,35.6],[3.2,35.5]]]}""")]
    [InlineData("""not json""")]
    public async Task Measure_refuses_what_is_not_a_polygon_in_china(string body)
    {
        using var response = await fixture.Http.PostAsync("/api/onemap/measure", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
