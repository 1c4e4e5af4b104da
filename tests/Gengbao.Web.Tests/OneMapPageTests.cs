using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace Gengbao.Web.Tests;

/// <summary>The one map page (一张图) in Chromium at phone and desktop width, against the sample county.</summary>
[Collection(WebCollection.Name)]
public sealed class OneMapPageTests(WebFixture fixture, ITestOutputHelper output)
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Loads_and_draws_the_first_features_from_tiles(int width)
    {
        await using var session = await PageSession.OpenAsync(fixture, width);
        var clock = Stopwatch.StartNew();
        await session.GotoAndWaitReadyAsync("/");
        output.WriteLine($"first complete render after {clock.ElapsedMilliseconds} ms at {width} px");

        Assert.NotEmpty(session.TileResponses);
        Assert.All(session.TileResponses, r => Assert.Contains(r.Status, new[] { 200, 204, 304 }));
        Assert.Contains(session.TileResponses, r => r.Status == 200 && r.Url.Contains("/tiles/dltb/", StringComparison.Ordinal));
        Assert.Equal(0, await session.EvalAsync<int>("() => window.__gengbao.tiles.failed"));
        Assert.True(await session.EvalAsync<int>("() => window.__gengbao.featuresInView('dltb')") > 1000, "land-use patches drawn");
        Assert.True(await session.EvalAsync<int>("() => window.__gengbao.featuresInView('admin')") > 0, "admin units drawn");

        var pixels = await session.EvalJsonAsync(CanvasSampleScript);
        output.WriteLine($"canvas sample: {pixels}");
        Assert.True(pixels.GetProperty("painted").GetInt32() > 100, $"map canvas has painted pixels: {pixels}");
        Assert.True(pixels.GetProperty("colours").GetInt32() >= 5, $"several land-class colours: {pixels}");
        Assert.Equal("一张图 · 耕保", await session.Page.TitleAsync());
        Assert.Equal("2024", await session.Page.InputValueAsync("#year-select"));
        Assert.Equal(["2024", "2023"], await session.Page.Locator("#year-select option").AllInnerTextsAsync());

        await session.ScreenshotAsync("onemap-loaded");
        await session.Page.ClickAsync("#btn-layers");
        Assert.True(await session.Page.IsVisibleAsync("#layer-panel"));
        Assert.Contains("永久基本农田", await session.Page.InnerTextAsync("#layer-panel"));
        await session.ScreenshotAsync("onemap-layers");
        session.AssertNoErrors();
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Clicking_a_parcel_shows_its_spatial_code_official_area_and_qr(int width)
    {
        var parcel = fixture.ChangedParcel;
        var (code, areaM2, lon, lat) = (parcel.SpatialCode, parcel.AreaM2, parcel.Lon, parcel.Lat);

        await using var session = await PageSession.OpenAsync(fixture, width);
        await session.GotoAndWaitReadyAsync("/");
        var before = await session.RenderCompleteCountAsync();
        await session.EvalAsync<object?>("([lon, lat]) => window.__gengbao.centerOn(lon, lat, 17)", new[] { lon, lat });
        await session.WaitForMapIdleAsync(before);

        var pixel = await session.EvalJsonAsync("([lon, lat]) => window.__gengbao.pixelOf(lon, lat)", new[] { lon, lat });
        var box = (await session.Page.Locator("#map").BoundingBoxAsync())!;
        await session.Page.Mouse.ClickAsync(box.X + pixel[0].GetSingle(), box.Y + pixel[1].GetSingle());

        await session.Page.WaitForSelectorAsync("#identify-code");
        Assert.Equal(code, await session.Page.InnerTextAsync("#identify-code"));
        Assert.Equal(areaM2, decimal.Parse(await session.Page.GetAttributeAsync("#identify-area-m2", "data-value") ?? "", CultureInfo.InvariantCulture));
        Assert.Equal($"{areaM2.ToString("N2", Zh)} m²", await session.Page.InnerTextAsync("#identify-area-m2"));
        var mu = Math.Round(areaM2 * 0.0015m, 2, MidpointRounding.AwayFromZero);
        Assert.Equal($"{mu.ToString("N2", Zh)} 亩", await session.Page.InnerTextAsync("#identify-area-mu"));
        Assert.Contains("地类名称", await session.Page.InnerTextAsync("#identify-body"));
        Assert.Equal("地类图斑信息", await session.Page.InnerTextAsync("#identify-title"));

        // The QR image is the server's SVG for this code, loaded.
        var qr = session.Page.Locator("#identify-body img.qr");
        Assert.EndsWith($"/api/onemap/parcels/{Uri.EscapeDataString(code)}/qr.svg", await qr.GetAttributeAsync("src"));
        await session.Page.WaitForFunctionAsync("() => { const i = document.querySelector('#identify-body img.qr'); return i && i.complete && i.naturalWidth > 0; }");

        await session.ScreenshotAsync("onemap-identify");
        session.AssertNoErrors();
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Search_by_spatial_code_zooms_to_the_parcel(int width)
    {
        var row = (await fixture.RowsAsync($"""
            SELECT spatial_code, ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)
            FROM (SELECT spatial_code, geom_4490::box2d AS b FROM dltb WHERE year = {WebFixture.Year} ORDER BY bsm LIMIT 1 OFFSET 777) x
            """)).Single();
        var code = (string)row[0];
        var (west, south, east, north) = ((double)row[1], (double)row[2], (double)row[3], (double)row[4]);

        await using var session = await PageSession.OpenAsync(fixture, width);
        await session.GotoAndWaitReadyAsync("/");
        var before = await session.RenderCompleteCountAsync();
        await session.Page.FillAsync("#search-input", code);
        await session.Page.PressAsync("#search-input", "Enter");
        await session.Page.WaitForSelectorAsync("#identify-code");
        Assert.Equal(code, await session.Page.InnerTextAsync("#identify-code"));

        // The parcel is in view, zoomed in, and not under the parcel panel (a bottom sheet on phones).
        var zoom = (await session.EvalJsonAsync("() => window.__gengbao.viewState()")).GetProperty("zoom").GetDouble();
        Assert.True(zoom >= 14, $"zoomed in to the parcel (zoom {zoom})");
        var centre = await session.EvalJsonAsync("([lon, lat]) => window.__gengbao.pixelOf(lon, lat)", new[] { (west + east) / 2, (south + north) / 2 });
        var map = (await session.Page.Locator("#map").BoundingBoxAsync())!;
        var panel = (await session.Page.Locator("#identify-panel").BoundingBoxAsync())!;
        var (px, py) = (map.X + centre[0].GetDouble(), map.Y + centre[1].GetDouble());
        output.WriteLine($"parcel centre at {px:F0},{py:F0}; map {map.X},{map.Y} {map.Width}x{map.Height}; panel {panel.X},{panel.Y} {panel.Width}x{panel.Height}");
        Assert.InRange(px, map.X, map.X + map.Width);
        Assert.InRange(py, map.Y, map.Y + map.Height);
        Assert.False(px >= panel.X && px <= panel.X + panel.Width && py >= panel.Y && py <= panel.Y + panel.Height, "the parcel is not hidden by the panel");

        await session.WaitForMapIdleAsync(before);
        await session.Page.WaitForTimeoutAsync(400); // longer than the search box's typing debounce
        Assert.False(await session.Page.IsVisibleAsync("#search-results"), "the result list closes once a hit is chosen");
        await session.ScreenshotAsync("onemap-search");
        session.AssertNoErrors();
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Measure_tool_shows_the_official_area_of_the_drawn_polygon(int width)
    {
        await using var session = await PageSession.OpenAsync(fixture, width);
        await session.GotoAndWaitReadyAsync("/");
        var before = await session.RenderCompleteCountAsync();
        await session.EvalAsync<object?>("() => window.__gengbao.centerOn(103.2, 35.55, 15)");
        await session.WaitForMapIdleAsync(before);

        await session.Page.ClickAsync("#btn-measure");
        Assert.Equal("true", await session.Page.GetAttributeAsync("#btn-measure", "aria-pressed"));
        var box = (await session.Page.Locator("#map").BoundingBoxAsync())!;
        var (cx, cy) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));
        (float X, float Y)[] corners = [(cx - 70, cy - 50), (cx + 80, cy - 40), (cx + 60, cy + 70), (cx - 60, cy + 55)];
        foreach (var (x, y) in corners)
        {
            await session.Page.Mouse.ClickAsync(x, y);
            await Task.Delay(120);
        }
        await session.Page.Mouse.ClickAsync(corners[0].X, corners[0].Y); // back on the first vertex closes the polygon

        await session.Page.WaitForSelectorAsync("#measure-m2");
        var shown = double.Parse(await session.Page.GetAttributeAsync("#measure-m2", "data-value") ?? "", CultureInfo.InvariantCulture);
        var ring = await session.EvalJsonAsync("() => window.__gengbao.measure.last.coordinates[0]");
        var polygon = PolygonOf(ring);

        // The same official-area rule as imported parcels (Gengbao.Geo), and close to PostGIS's geodesic area.
        var zone = CgcsCrs.ThreeDegreeZoneFor(polygon.Centroid.X, withPrefix: true);
        var expected = EllipsoidalArea.Round(EllipsoidalArea.OfGaussKruger(GeometryReprojector.ToZone(polygon, zone), zone));
        Assert.Equal(expected, shown);
        var geodesic = await fixture.ScalarAsync<double>($"SELECT ST_Area(ST_GeomFromText('{polygon.AsText()}', 4490)::geography)");
        output.WriteLine($"measured {shown} m², geodesic {geodesic} m², zone {zone.Epsg}");
        Assert.True(Math.Abs(shown - geodesic) <= Math.Max(0.5, geodesic * 1e-4), $"official {shown} vs geodesic {geodesic}");
        Assert.InRange(shown, 10_000, 1_000_000);
        Assert.Equal($"{(shown * 0.0015).ToString("N2", Zh)} 亩", await session.Page.InnerTextAsync("#measure-mu"));

        await session.ScreenshotAsync("onemap-measure");
        session.AssertNoErrors();
    }

    private static Polygon PolygonOf(JsonElement ring)
    {
        var coordinates = ring.EnumerateArray().Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble())).ToArray();
        return new GeometryFactory(new PrecisionModel(), 4490).CreatePolygon(coordinates);
    }

    /// <summary>Samples a 19 × 19 grid of every map canvas: how many pixels are painted, and how many distinct colours.</summary>
    private const string CanvasSampleScript = """
        () => {
          const canvases = [...document.querySelectorAll('#map canvas')];
          let painted = 0, total = 0;
          const colours = new Set();
          for (const c of canvases) {
            const ctx = c.getContext('2d');
            if (!ctx || c.width === 0) continue;
            for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
              const d = ctx.getImageData(Math.floor(c.width * i / 20), Math.floor(c.height * j / 20), 1, 1).data;
              total++;
              if (d[3] > 0) { painted++; colours.add(`${d[0]},${d[1]},${d[2]}`); }
            }
          }
          return { canvases: canvases.length, painted, total, colours: colours.size };
        }
        """;
}
