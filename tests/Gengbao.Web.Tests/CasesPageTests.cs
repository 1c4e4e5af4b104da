using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gengbao.Web.Tests;

/// <summary>
/// 案件办理 (cases.html): a public clue becomes a case, the check on site turns it red (verification API, as the field
/// app does), and the admin takes the next step of 下发－举证－上报－审核－执行－结案 on the page: only the steps the
/// server allows are offered, the state changes in the database and the history shows the new event.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CasesPageTests(WebFixture fixture)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGMQaDAAIgYIBQAUjgMBymt0hwAAAABJRU5ErkJggg==");

    private static ByteArrayContent Photo()
    {
        var content = new ByteArrayContent(Png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    [Fact]
    public async Task A_red_case_takes_its_next_step_on_the_page_and_the_history_records_it()
    {
        var place = (await fixture.RowsAsync("""
            SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom_4490) p FROM dltb
            WHERE dlbm IN ('0101', '0102', '0103') AND year = (SELECT max(year) FROM dltb) ORDER BY area_m2 DESC LIMIT 1) s
            """)).Single();
        using (var anonymous = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) })
        using (var clue = new MultipartFormDataContent
        {
            { new StringContent(((double)place[0]).ToString("F6", CultureInfo.InvariantCulture)), "lon" },
            { new StringContent(((double)place[1]).ToString("F6", CultureInfo.InvariantCulture)), "lat" },
            { new StringContent("有人在耕地上建房（案件页面测试）"), "description" },
            { Photo(), "photos", "clue.png" },
        })
        {
            using var reported = await anonymous.PostAsync("/api/public/clues", clue);
            Assert.True(reported.IsSuccessStatusCode, await reported.Content.ReadAsStringAsync());
        }
        var caseId = await fixture.ScalarAsync<long>("SELECT max(id) FROM problem_case");
        Assert.Equal("verifying", await fixture.ScalarAsync<string>($"SELECT state FROM problem_case WHERE id = {caseId}"));
        using (var verification = new MultipartFormDataContent
        {
            { new StringContent("illegal_non_agricultural"), "judgement" },
            { new StringContent("现场新建房屋"), "notes" },
            { Photo(), "photos", "site.png" },
        })
        {
            using var verified = await fixture.Http.PostAsync($"/api/cases/{caseId}/verification", verification);
            Assert.True(verified.IsSuccessStatusCode, await verified.Content.ReadAsStringAsync());
        }
        Assert.Equal("dispatched", await fixture.ScalarAsync<string>($"SELECT state FROM problem_case WHERE id = {caseId}"));

        await using var session = await PageSession.OpenAsync(fixture, 1366);
        var page = session.Page;
        await session.GotoAndWaitReadyAsync($"/cases.html?case={caseId}");
        Assert.True(await page.IsVisibleAsync($"#case-rows tr[data-case-id='{caseId}']"));
        Assert.Contains("红码", await page.InnerTextAsync("#d-title"));

        // The case map: the clue's point in red, the clue marked as located evidence, zoomed to it over the one map's tiles.
        await page.WaitForFunctionAsync($"() => window.__gengbao.caseMap?.caseId === {caseId} && window.__gengbao.caseMap.rendered === true");
        var map = await session.EvalJsonAsync("() => window.__gengbao.caseMap");
        Assert.Equal(1, map.GetProperty("features").GetInt32());
        Assert.Equal("red", map.GetProperty("code").GetString());
        Assert.Equal("Point", map.GetProperty("geometryType").GetString());
        Assert.Equal(["clue"], map.GetProperty("evidenceKinds").EnumerateArray().Select(k => k.GetString()!).ToArray());
        Assert.True(map.GetProperty("caseInView").GetBoolean());
        var caseExtent = map.GetProperty("caseExtent").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal((double)place[0], caseExtent[0], 4);
        Assert.Equal((double)place[1], caseExtent[1], 4);
        Assert.True(await session.EvalAsync<double>("() => window.__gengbao.viewState().zoom") >= 15, "zoomed to the case");
        await page.WaitForFunctionAsync("() => window.__gengbao.featuresInView('dltb') > 0"); // land classes drawn under the case
        Assert.Equal(0, await session.EvalAsync<int>("() => window.__gengbao.tiles.failed"));
        // The overview shows every listed case with a location, the open one selected.
        Assert.Equal(await session.EvalAsync<int>("() => window.__gengbao.cases"), await session.EvalAsync<int>("() => window.__gengbao.overview.markers()"));
        Assert.Equal(caseId, await session.EvalAsync<long>("() => window.__gengbao.overview.selected()"));
        await session.ScreenshotAsync("cases-map");
        await ElementShotAsync(session, "#case-overview", "cases-overview");
        await ElementShotAsync(session, "#case-detail", "cases-map-detail");
        // Only what the state machine allows from 已下发: the evidence step; the on-site judgements are not offered.
        var offered = await page.Locator("#d-actions [data-action]").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.action)");
        Assert.Equal(["submit_evidence"], offered);
        Assert.Equal(1, await page.Locator("#d-history li[data-action='verify_illegal']").CountAsync());

        await page.FillAsync("#d-notes", "已拍照取证，当事人确认");
        await page.ClickAsync("#d-actions [data-action='submit_evidence']");
        await page.WaitForFunctionAsync("() => (window.__gengbao.acted ?? 0) > 0");
        Assert.StartsWith("已举证", await page.InnerTextAsync("#d-result"));
        Assert.Equal("evidenced", await fixture.ScalarAsync<string>($"SELECT state FROM problem_case WHERE id = {caseId}"));
        var evidence = page.Locator("#d-history li[data-action='submit_evidence']");
        Assert.Equal(1, await evidence.CountAsync());
        Assert.Contains("已拍照取证，当事人确认", await evidence.InnerTextAsync());
        Assert.Equal(["report"], await page.Locator("#d-actions [data-action]").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.action)"));
        Assert.Equal(1, await fixture.ScalarAsync<long>($"SELECT count(*) FROM case_event WHERE case_id = {caseId} AND action = 'submit_evidence' AND notes = '已拍照取证，当事人确认'"));
        await session.ScreenshotAsync("cases-evidenced");
        session.AssertNoErrors();
    }

    /// <summary>A screenshot of one element (the full page of 200 cases is too tall to look at the maps).</summary>
    private static Task ElementShotAsync(PageSession session, string selector, string name) =>
        session.Page.Locator(selector).ScreenshotAsync(new Microsoft.Playwright.LocatorScreenshotOptions
        {
            Path = Path.Combine(WebFixture.ScreenshotFolder, $"{name}-{session.Width}.png"),
        });

    [Fact]
    public async Task On_a_phone_a_marker_on_the_overview_opens_its_patch_on_the_map_above_the_details()
    {
        // The farmland parcel farthest from every case so far (its marker stands alone), and a patrol finding drawn as a ~80 m square on it.
        var place = (await fixture.RowsAsync("""
            SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(d.geom_4490) p,
                (SELECT min(ST_Distance(c.geom_4490, d.geom_4490)) FROM problem_case c) nearest FROM dltb d
            WHERE d.dlbm IN ('0101', '0102', '0103') AND d.year = (SELECT max(year) FROM dltb) AND d.area_m2 > 5000) s
            ORDER BY nearest DESC NULLS FIRST LIMIT 1
            """)).Single();
        var (lon, lat) = ((double)place[0], (double)place[1]);
        const double h = 0.0004;
        using (var created = await fixture.Http.PostAsJsonAsync("/api/patrol/findings", new
        {
            clientId = Guid.NewGuid(),
            category = "construction",
            notes = "耕地上堆放建材（案件地图测试）",
            geometry = new
            {
                type = "Polygon",
                coordinates = new[] { new[] { new[] { lon - h, lat - h }, new[] { lon + h, lat - h }, new[] { lon + h, lat + h }, new[] { lon - h, lat + h }, new[] { lon - h, lat - h } } },
            },
        }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }
        var caseId = await fixture.ScalarAsync<long>("SELECT max(id) FROM problem_case");
        Assert.Equal("yellow", await fixture.ScalarAsync<string>($"SELECT code FROM problem_case WHERE id = {caseId}"));

        await using var session = await PageSession.OpenAsync(fixture, 390);
        var page = session.Page;
        await session.GotoAndWaitReadyAsync("/cases.html");
        Assert.False(await page.IsVisibleAsync("#case-detail"));
        Assert.True(await session.EvalAsync<int>("() => window.__gengbao.overview.markers()") >= 1);
        await page.WaitForTimeoutAsync(300); // the overview's first render
        var marker = await session.EvalJsonAsync($"() => window.__gengbao.overview.markerPoint({caseId})");
        await page.Mouse.ClickAsync((float)(marker[0].GetDouble() - await session.EvalAsync<double>("() => window.scrollX")),
            (float)(marker[1].GetDouble() - await session.EvalAsync<double>("() => window.scrollY")));
        await page.WaitForFunctionAsync($"() => window.__gengbao.caseMap?.caseId === {caseId} && window.__gengbao.caseMap.rendered === true");
        Assert.Contains("黄码", await page.InnerTextAsync("#d-title"));
        Assert.Equal(caseId, await session.EvalAsync<long>("() => window.__gengbao.overview.selected()"));

        var map = await session.EvalJsonAsync("() => window.__gengbao.caseMap");
        Assert.Equal("Polygon", map.GetProperty("geometryType").GetString());
        Assert.Equal("yellow", map.GetProperty("code").GetString());
        Assert.Equal(["finding"], map.GetProperty("evidenceKinds").EnumerateArray().Select(k => k.GetString()!).ToArray());
        Assert.True(map.GetProperty("caseInView").GetBoolean());
        var extent = map.GetProperty("caseExtent").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(lon - h, extent[0], 5);
        Assert.Equal(lat + h, extent[3], 5);
        // The patch fills a good part of the map, not a speck: its width is at least a quarter of the view's.
        var view = map.GetProperty("viewExtent").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.True((extent[2] - extent[0]) / (view[2] - view[0]) > 0.25, $"case {extent[2] - extent[0]:F5}° wide in a view {view[2] - view[0]:F5}° wide");
        await page.WaitForFunctionAsync("() => window.__gengbao.featuresInView('dltb') > 0");
        Assert.Equal(0, await session.EvalAsync<int>("() => window.__gengbao.tiles.failed"));

        // Phone layout: the map spans the card above the reason and the steps, nothing wider than the screen.
        var mapBox = (await page.Locator("#case-map").BoundingBoxAsync())!;
        var reasonBox = (await page.Locator("#d-reason").BoundingBoxAsync())!;
        Assert.True(mapBox.Y + mapBox.Height <= reasonBox.Y, "map above the details");
        Assert.True(mapBox.Width >= 300 && mapBox.X + mapBox.Width <= 390, $"map {mapBox.X}+{mapBox.Width} px on a 390 px screen");
        Assert.True(await session.EvalAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "no horizontal scrolling");
        await session.ScreenshotAsync("cases-map-phone");
        await ElementShotAsync(session, "#case-detail", "cases-map-phone-detail");
        await ElementShotAsync(session, "#case-overview", "cases-overview");
        session.AssertNoErrors();
    }
}
