using System.Net;
using System.Text.Json;

namespace Gengbao.Web.Tests;

/// <summary>Layers with a minimum zoom (TileLayer.MinZoom) answer 204 below it and list it in /tiles/layers.json.</summary>
[Collection(WebCollection.Name)]
public sealed class TileMinZoomTests(WebFixture fixture)
{
    [Fact]
    public async Task Land_use_tiles_below_their_min_zoom_are_empty_while_admin_units_are_drawn()
    {
        // Tile 8/201/100 (XYZ) covers the sample county.
        using var dltb = await fixture.Http.GetAsync("/tiles/dltb/8/201/100.mvt");
        Assert.Equal(HttpStatusCode.NoContent, dltb.StatusCode);
        using var admin = await fixture.Http.GetAsync("/tiles/admin/8/201/100.mvt");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        using var dltb9 = await fixture.Http.GetAsync("/tiles/dltb/9/402/201.mvt");
        Assert.Equal(HttpStatusCode.OK, dltb9.StatusCode);

        using var doc = JsonDocument.Parse(await fixture.Http.GetStringAsync("/tiles/layers.json"));
        var minZoom = doc.RootElement.GetProperty("layers").EnumerateArray()
            .ToDictionary(l => l.GetProperty("id").GetString()!, l => l.GetProperty("minZoom").GetInt32());
        Assert.Equal(9, minZoom["dltb"]);
        Assert.Equal(0, minZoom["bhtb"]);
    }
}
