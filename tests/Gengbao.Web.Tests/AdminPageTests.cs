using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Gengbao.Web.Tests;

/// <summary>
/// 管理控制台 (admin.html): accounts created and disabled through the forms, a roster refused row by row and then
/// imported, a screening run followed to its end and a comparison queued; other roles get a clear refusal.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AdminPageTests(WebFixture fixture)
{
    private const string RosterHeader = "行政区代码,行政区名称,网格层级,角色,姓名,手机号,任期开始,任期结束\n";

    [Fact]
    public async Task Admin_creates_and_disables_a_user_imports_a_roster_and_runs_jobs()
    {
        var county = await fixture.ScalarAsync<string>("SELECT min(county_code) FROM admin_unit");
        var village = await fixture.ScalarAsync<string>($"SELECT max(code) FROM admin_unit WHERE level = 5 AND county_code = '{county}'");
        await using var session = await PageSession.OpenAsync(fixture, 1366);
        var page = session.Page;
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await session.GotoAndWaitReadyAsync("/admin.html");
        Assert.True(await page.IsVisibleAsync($"#user-rows tr[data-username='{WebFixture.Username}']"));
        Assert.Equal(await fixture.ScalarAsync<long>("SELECT count(*) FROM app_user"), await session.EvalAsync<long>("() => window.__gengbao.users"));

        // Create a field manager with a generated password.
        var username = $"tgy-{Guid.NewGuid():N}"[..12];
        await page.FillAsync("#u-username", username);
        await page.FillAsync("#u-name", "马田管");
        await page.SelectOptionAsync("#u-role", "field_manager");
        await page.FillAsync("#u-region", village);
        await page.FillAsync("#u-phone", "13900001234");
        await page.ClickAsync("#user-form button[type=submit]");
        var row = page.Locator($"#user-rows tr[data-username='{username}']");
        await row.WaitForAsync();
        Assert.Contains("初始密码", await page.InnerTextAsync("#user-result"));
        Assert.Contains("田管员", await row.InnerTextAsync());
        Assert.Contains(village, await row.InnerTextAsync());
        var stored = (await fixture.RowsAsync($"SELECT role, region_code, disabled FROM app_user WHERE username = '{username}'")).Single();
        Assert.Equal(("field_manager", village, false), ((string)stored[0], (string)stored[1], (bool)stored[2]));

        // A refused creation explains itself.
        await page.FillAsync("#u-username", username);
        await page.FillAsync("#u-region", village);
        await page.ClickAsync("#user-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('user-result').classList.contains('error')");
        // Chinese first (what a 409 means), then the server's own detail.
        Assert.StartsWith("未创建：与现有数据或当前状态冲突：", await page.InnerTextAsync("#user-result"));

        // Disable it.
        await row.Locator(".btn-disable").ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector(\"#user-rows tr[data-username='{username}']\").classList.contains('disabled')");
        Assert.Contains("已停用", await row.InnerTextAsync());
        Assert.True(await fixture.ScalarAsync<bool>($"SELECT disabled FROM app_user WHERE username = '{username}'"));
        await session.ScreenshotAsync("admin-users");

        // Roster: one unknown code refuses the whole file, problems listed by row; then a good file goes in.
        await page.ClickAsync(".tabs button[data-tab='roster']");
        var before = await fixture.ScalarAsync<long>("SELECT count(*) FROM patrol_roster");
        var bad = RosterHeader + $"{village},,村,田管员,甲,13300000101,2024-01-01,\n{county}000009,,村,田管员,乙,13300000102,2024-01-01,\n,,村,田管员,丙,13300000101,2024-13-01,\n";
        await UploadRosterAsync(session, "bad.csv", bad);
        Assert.StartsWith("未导入", await page.InnerTextAsync("#roster-result"));
        var problems = await page.Locator("#roster-problems tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [...r.cells].map(c => c.textContent))");
        Assert.True(problems.Length >= 3, string.Join("\n", problems.Select(p => string.Join(" | ", p))));
        Assert.Contains(problems, p => p[0] == "3" && p[1] == "行政区代码");
        Assert.Contains(problems, p => p[0] == "4");
        Assert.Equal(before, await fixture.ScalarAsync<long>("SELECT count(*) FROM patrol_roster"));
        await session.ScreenshotAsync("admin-roster-refused");
        await UploadRosterAsync(session, "good.csv", RosterHeader + $"{village},,村,田管员,甲,13300000101,2024-01-01,\n");
        Assert.StartsWith("导入成功：1 行", await page.InnerTextAsync("#roster-result"));
        Assert.False(await page.IsVisibleAsync("#roster-problems"));
        Assert.Equal(1, await fixture.ScalarAsync<long>($"SELECT count(*) FROM patrol_roster WHERE cell_code = '{village}' AND superseded_at IS NULL"));

        // Jobs: a screening run of the county, followed until done; a comparison queued.
        await page.ClickAsync(".tabs button[data-tab='jobs']");
        await page.FillAsync("#s-region", county);
        await page.ClickAsync("#screen-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('screen-result').textContent.startsWith('已加入队列')");
        var runId = await fixture.ScalarAsync<long>($"SELECT max(id) FROM screening_run WHERE county_code = '{county}'");
        await page.Locator($"#screen-rows tr[data-run-id='{runId}']").WaitForAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector(\"#screen-rows tr[data-run-id='{runId}']\").dataset.status === 'done'",
            null, new PageWaitForFunctionOptions { Timeout = 240_000 });
        var done = (await fixture.RowsAsync($"SELECT progress_done, green_count, yellow_count FROM screening_run WHERE id = {runId}")).Single();
        var runRow = await page.InnerTextAsync($"#screen-rows tr[data-run-id='{runId}']");
        Assert.Contains("已完成", runRow);
        Assert.Contains($"{done[1]} / {done[2]}", runRow);

        await page.FillAsync("#c-county", county);
        await page.FillAsync("#c-before", WebFixture.EarlierYear.ToString());
        await page.FillAsync("#c-after", WebFixture.Year.ToString());
        await page.ClickAsync("#compare-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('compare-result').textContent.startsWith('已加入队列')");
        var comparison = await fixture.ScalarAsync<long>($"SELECT max(id) FROM comparison_run WHERE county_code = '{county}'");
        await page.Locator($"#compare-rows tr[data-run-id='{comparison}']").WaitForAsync();
        await session.ScreenshotAsync("admin-jobs");
        // The refusals provoked above: the duplicate account (409) and the bad roster (400).
        session.AssertNoErrorsExcept("HTTP 409: " + fixture.BaseUrl + "/api/admin/users", "HTTP 400: " + fixture.BaseUrl + "/api/patrol/roster?fileName=bad.csv",
            "the server responded with a status of 409", "the server responded with a status of 400");
    }

    [Fact]
    public async Task Other_roles_are_told_the_console_is_for_admins()
    {
        var username = $"leader-{Guid.NewGuid():N}"[..14];
        var password = await fixture.CreateUserAsync(username, "leader", "622921", "测试领导");
        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        using var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { username, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        await using var session = await PageSession.OpenAsync(fixture, 390, signedIn: false);
        await session.Context.AddCookiesAsync([new Cookie { Name = "gengbao_session", Value = token, Url = fixture.BaseUrl }]);
        await session.GotoAndWaitReadyAsync("/admin.html");
        Assert.True(await session.Page.IsVisibleAsync("#admin-denied"));
        Assert.Contains("仅供系统管理员和区域管理员使用", await session.Page.InnerTextAsync("#admin-denied"));
        Assert.False(await session.Page.IsVisibleAsync("#admin-content"));
        await session.ScreenshotAsync("admin-denied");
        session.AssertNoErrors();
    }

    private static async Task UploadRosterAsync(PageSession session, string name, string csv)
    {
        var done = await session.EvalAsync<int>("() => window.__gengbao.rosterDone ?? 0");
        await session.Page.SetInputFilesAsync("#roster-file", new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await session.Page.ClickAsync("#roster-form button[type=submit]");
        await session.Page.WaitForFunctionAsync($"() => (window.__gengbao.rosterDone ?? 0) > {done}");
    }

    [Fact]
    public async Task Admin_publishes_a_portal_article_and_the_public_portal_shows_it()
    {
        var title = $"测试负面清单{Guid.NewGuid():N}"[..14];
        await using (var session = await PageSession.OpenAsync(fixture, 1366))
        {
            var page = session.Page;
            await session.GotoAndWaitReadyAsync("/admin.html");
            await page.ClickAsync(".tabs button[data-tab='portal']");
            await page.WaitForFunctionAsync("() => (window.__gengbao.portalLoaded ?? 0) > 0");
            Assert.Equal(await fixture.ScalarAsync<long>("SELECT count(*) FROM portal_article"), await page.Locator("#portal-rows tr").CountAsync());
            await page.SelectOptionAsync("#p-kind", "negative_list");
            await page.FillAsync("#p-title", title);
            await page.FillAsync("#p-issuer", "县农业农村局");
            await page.FillAsync("#p-points", "禁止在耕地上堆放建筑垃圾。\n\n禁止在永久基本农田上建设光伏板。");
            await page.FillAsync("#p-tags", "负面清单，光伏");
            await page.ClickAsync("#portal-form button[type=submit]");
            await page.Locator("#portal-rows tr", new() { HasText = title }).WaitForAsync();
            Assert.StartsWith("已保存", await page.InnerTextAsync("#portal-result"));
            await session.ScreenshotAsync("admin-portal-content");
            session.AssertNoErrors();
        }
        var stored = (await fixture.RowsAsync($"SELECT kind, cardinality(points), published FROM portal_article WHERE title = '{title}'")).Single();
        Assert.Equal(("negative_list", 2, true), ((string)stored[0], (int)stored[1], (bool)stored[2]));

        await using var citizen = await PageSession.OpenAsync(fixture, 390, signedIn: false);
        await citizen.Page.GotoAsync("/portal.html");
        await citizen.Page.FillAsync("#policy-query", "光伏");
        var item = citizen.Page.Locator("#policy-list > li", new() { HasText = title });
        await item.WaitForAsync();
        Assert.Contains("禁止在永久基本农田上建设光伏板。", await item.InnerTextAsync());
        await citizen.ScreenshotAsync("portal-article-phone");
        citizen.AssertNoErrors();
    }
}
