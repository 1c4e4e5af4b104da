using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
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
}
