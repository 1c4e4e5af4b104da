namespace Gengbao.Web.Tests;

/// <summary>
/// Two survey years on the one map: the sample is imported as 2024 and 2023, and one large patch is river surface
/// (1101) in 2023 only. The swipe shows 2023 right of the divider; the year switch identifies the 2023 record.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class YearCompareTests(WebFixture fixture)
{
    // DLTB fill (alpha 0.92) of river surface (163,214,245) over the county base (#f4f1e8).
    private static readonly double[] Water = [169.5, 216.2, 244.0];

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Swipe_shows_the_other_year_right_of_the_divider_and_the_year_switch_identifies_it(int width)
    {
        var parcel = fixture.ChangedParcel;
        await using var session = await PageSession.OpenAsync(fixture, width);
        await session.GotoAndWaitReadyAsync("/");
        var before = await session.RenderCompleteCountAsync();
        await session.EvalAsync<object?>("([lon, lat]) => window.__gengbao.centerOn(lon, lat, 17)", new[] { parcel.Lon, parcel.Lat });
        await session.WaitForMapIdleAsync(before);

        before = await session.RenderCompleteCountAsync();
        await session.Page.ClickAsync("#btn-swipe");
        Assert.Equal("2023", await session.Page.InputValueAsync("#swipe-year"));
        await session.Page.WaitForFunctionAsync(
            $"() => window.__gengbao.renderComplete > {before} && window.__gengbao.swipe.layer.getFeaturesInExtent(window.__gengbao.map.getView().calculateExtent()).length > 0");
        Assert.Contains(session.TileResponses, r => r.Status == 200 && r.Url.Contains("/tiles/dltb/", StringComparison.Ordinal)
            && r.Url.EndsWith($"year={WebFixture.EarlierYear}", StringComparison.Ordinal));

        var pixel = await session.EvalJsonAsync("([lon, lat]) => window.__gengbao.pixelOf(lon, lat)", new[] { parcel.Lon, parcel.Lat });
        var (x, y) = (pixel[0].GetDouble(), pixel[1].GetDouble());
        var right = await WaitForColourAsync(session, x + 40, y, c => Distance(c, Water) < 15);
        var left = await ColourAsync(session, x - 40, y);
        Assert.True(Distance(right, Water) < 15, $"right of the divider shows the 2023 river surface: {string.Join(",", right)}");
        Assert.True(Distance(left, Water) > 40, $"left of the divider shows the 2024 class {parcel.LandClass}: {string.Join(",", left)}");
        Assert.Contains("2023", await session.Page.InnerTextAsync("#swipe-divider"));
        await session.ScreenshotAsync("onemap-swipe");

        // Swipe off, the map switched to 2023: clicking the patch identifies its 2023 record.
        await session.Page.ClickAsync("#btn-swipe");
        await session.Page.SelectOptionAsync("#year-select", "2023");
        var leftNow = await WaitForColourAsync(session, x - 40, y, c => Distance(c, Water) < 15);
        Assert.True(Distance(leftNow, Water) < 15, $"the whole map shows 2023 now: {string.Join(",", leftNow)}");
        var box = (await session.Page.Locator("#map").BoundingBoxAsync())!;
        await session.Page.Mouse.ClickAsync(box.X + (float)x, box.Y + (float)y);
        await session.Page.WaitForSelectorAsync("#identify-code");
        Assert.Equal(parcel.SpatialCode, await session.Page.InnerTextAsync("#identify-code"));
        var panel = await session.Page.InnerTextAsync("#identify-body");
        Assert.Contains("2023 年度", panel);
        Assert.Contains(WebFixture.EarlierClass, panel);
        Assert.Contains("河流水面", panel);
        await session.ScreenshotAsync("onemap-year-2023");
        session.AssertNoErrors();
    }

    /// <summary>Polls the colour until it satisfies <paramref name="done"/> (tiles load and draw asynchronously), at most 15 s.</summary>
    private static async Task<double[]> WaitForColourAsync(PageSession session, double x, double y, Func<double[], bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var colour = await ColourAsync(session, x, y);
        while (!done(colour) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            colour = await ColourAsync(session, x, y);
        }
        return colour;
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (p, q) => (p - q) * (p - q)).Sum());

    /// <summary>The map's composited colour at a pixel: every layer canvas alpha-blended in order over the map background.</summary>
    private static async Task<double[]> ColourAsync(PageSession session, double x, double y)
    {
        var colour = await session.EvalJsonAsync("""
            ([x, y]) => {
              const map = document.getElementById('map').getBoundingClientRect();
              let rgb = [223, 231, 238];
              for (const c of document.querySelectorAll('#map canvas')) {
                const ctx = c.getContext('2d');
                const r = c.getBoundingClientRect();
                if (!ctx || r.width === 0) continue;
                const px = Math.floor((x + map.left - r.left) * c.width / r.width);
                const py = Math.floor((y + map.top - r.top) * c.height / r.height);
                if (px < 0 || py < 0 || px >= c.width || py >= c.height) continue;
                const d = ctx.getImageData(px, py, 1, 1).data;
                const a = d[3] / 255 * Number(getComputedStyle(c).opacity || 1);
                rgb = rgb.map((v, i) => d[i] * a + v * (1 - a));
              }
              return rgb;
            }
            """, new[] { x, y });
        return colour.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    }
}
