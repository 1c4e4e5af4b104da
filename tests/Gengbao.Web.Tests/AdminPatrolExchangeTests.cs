using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Gengbao.Web.Tests;

/// <summary>
/// 管理控制台 tabs 巡田计划 (plans in force, an override added, changed and ended; dispatch now; tasks by state with
/// overdue rows highlighted) and 数据汇交 (schedule coloured by status, the evaluation chart and CSV, a package
/// accepted and a tampered one refused with its reason), at phone and desktop width.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AdminPatrolExchangeTests(WebFixture fixture)
{
    /// <summary>The page is not wider than the screen: wide tables scroll inside their cards.</summary>
    private static async Task AssertNoHorizontalOverflowAsync(PageSession session) =>
        Assert.True(await session.EvalAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"the page scrolls sideways at {session.Width} px: {await session.EvalAsync<int>("() => document.documentElement.scrollWidth")}");

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Admin_adds_an_override_dispatches_and_sees_overdue_tasks_highlighted(int width)
    {
        await fixture.EnsurePatrolTasksAsync();
        // A township with overdue tasks (the dispatch 45 days ago left them), another one per width: each run's override governs its own township.
        var township = await fixture.ScalarAsync<string>(
            $"SELECT DISTINCT substr(cell_code, 1, 9) FROM patrol_task WHERE state = 'overdue' AND cell_level >= 5 ORDER BY 1 LIMIT 1 OFFSET {(width < 1000 ? 0 : 1)}");
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Month;

        await using var session = await PageSession.OpenAsync(fixture, width);
        var page = session.Page;
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await session.GotoAndWaitReadyAsync("/admin.html");
        await page.ClickAsync(".tabs button[data-tab='plans']");
        await page.WaitForFunctionAsync("() => (window.__gengbao.plansLoaded ?? 0) > 0 && (window.__gengbao.adminTasksLoaded ?? 0) > 0");

        // The five seed 001 defaults are listed with their cycles.
        for (var id = 1; id <= 5; id++)
        {
            Assert.Contains("默认", await page.InnerTextAsync($"#plan-rows tr[data-plan-id='{id}']"));
        }
        Assert.Contains("每周", await page.InnerTextAsync("#plan-rows tr[data-plan-id='5']"));
        Assert.Contains("每半年", await page.InnerTextAsync("#plan-rows tr[data-plan-id='2']"));

        // Add a weekly township plan for this month.
        var name = $"测试乡级周巡{width}";
        await page.FillAsync("#pl-name", name);
        await page.SelectOptionAsync("#pl-level", "4");
        await page.FillAsync("#pl-region", township);
        await page.SelectOptionAsync("#pl-cycle", "weekly");
        await page.CheckAsync($"input[name='pl-month'][value='{month}']");
        await page.ClickAsync("#pl-submit");
        await page.WaitForFunctionAsync("() => document.getElementById('plan-result').textContent.startsWith('已保存')");
        var planId = await fixture.ScalarAsync<long>($"SELECT id FROM patrol_plan WHERE name = '{name}'");
        var row = page.Locator($"#plan-rows tr[data-plan-id='{planId}']");
        await row.WaitForAsync();
        var rowText = await row.InnerTextAsync();
        Assert.Contains("覆盖", rowText);
        Assert.Contains("每周", rowText);
        Assert.Contains($"{month}月", rowText);
        Assert.Contains(township, rowText);
        Assert.Equal($"4|{township}|weekly|{{{month}}}", await fixture.ScalarAsync<string>(
            $"SELECT level || '|' || region_prefix || '|' || cycle || '|' || months::text FROM patrol_plan WHERE id = {planId}"));

        // Dispatch now: the new plan's township task is created and the count is shown.
        await page.ClickAsync("#btn-dispatch");
        await page.WaitForFunctionAsync("() => window.__gengbao.dispatched !== undefined");
        Assert.StartsWith("已派发", await page.InnerTextAsync("#dispatch-result"));
        var created = await session.EvalAsync<int>("() => window.__gengbao.dispatched");
        var planTasks = await fixture.ScalarAsync<long>($"SELECT count(*) FROM patrol_task WHERE plan_id = {planId}");
        Assert.True(planTasks >= 1 && created >= planTasks, $"dispatch created {created}, plan {planId} has {planTasks} tasks");
        Assert.Contains($"新建 {created} 项任务", await page.InnerTextAsync("#dispatch-result"));

        // The township's tasks: counts by state as stored, the new task listed, overdue rows highlighted with a warning.
        var loads = await session.EvalAsync<int>("() => window.__gengbao.adminTasksLoaded");
        await page.FillAsync("#tf-region", township);
        await page.ClickAsync("#task-filter button[type=submit]");
        await page.WaitForFunctionAsync($"() => window.__gengbao.adminTasksLoaded > {loads}");
        var byState = (await fixture.RowsAsync($"SELECT state, count(*) FROM patrol_task WHERE starts_with(cell_code, '{township}') GROUP BY state"))
            .ToDictionary(r => (string)r[0], r => (long)r[1]);
        foreach (var state in new[] { "pending", "in_progress", "completed", "incomplete", "overdue" })
        {
            Assert.Equal(byState.GetValueOrDefault(state).ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync($".state-chip[data-state='{state}'] strong"));
        }
        var newTask = await fixture.ScalarAsync<long>($"SELECT min(id) FROM patrol_task WHERE plan_id = {planId}");
        Assert.Equal("pending", await page.GetAttributeAsync($"#admin-task-rows tr[data-task-id='{newTask}']", "data-state"));
        Assert.True(byState["overdue"] > 0);
        Assert.Contains($"{byState["overdue"]} 项巡田任务已逾期", await page.InnerTextAsync("#overdue-warning"));
        await page.ClickAsync(".state-chip[data-state='overdue']");
        var overdueRows = page.Locator("#admin-task-rows tr");
        Assert.Equal(Math.Min(300, byState["overdue"]), await overdueRows.CountAsync());
        Assert.All(await overdueRows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.state + ' ' + r.className)"), s => Assert.Equal("overdue overdue", s));
        // Highlighted: a red-tinted background, not the plain white of other rows.
        var background = await overdueRows.First.Locator("td").First.EvaluateAsync<string>("td => getComputedStyle(td).backgroundColor");
        Assert.Equal("rgb(254, 242, 242)", background);
        await AssertNoHorizontalOverflowAsync(session);
        await session.ScreenshotAsync("admin-patrol-tasks");

        // Change the override to monthly, then end it: the township falls back to the default.
        await row.Locator(".btn-edit").ClickAsync();
        Assert.True(await page.IsDisabledAsync("#pl-level"));
        await page.SelectOptionAsync("#pl-cycle", "monthly");
        await page.ClickAsync("#pl-submit");
        await page.WaitForFunctionAsync($"() => document.querySelector(\"#plan-rows tr[data-plan-id='{planId}']\").textContent.includes('每月')");
        Assert.Equal("monthly", await fixture.ScalarAsync<string>($"SELECT cycle FROM patrol_plan WHERE id = {planId}"));
        await row.Locator(".btn-end").ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector(\"#plan-rows tr[data-plan-id='{planId}']\").textContent.includes('已结束')");
        Assert.False(await fixture.ScalarAsync<bool>($"SELECT active FROM patrol_plan WHERE id = {planId}"));
        Assert.Equal(0, await row.Locator(".btn-edit").CountAsync());
        await AssertNoHorizontalOverflowAsync(session);
        await session.ScreenshotAsync("admin-patrol-plans");
        session.AssertNoErrors();
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Admin_sees_the_exchange_schedule_and_evaluation_and_gets_the_verdict_of_uploads(int width)
    {
        var county = await fixture.ScalarAsync<string>("SELECT min(county_code) FROM admin_unit");
        var package = await fixture.Http.GetByteArrayAsync($"/api/exchange/packages?item=farmland-change-monitoring&region={county}&year={WebFixture.Year}");
        var tampered = FlipByteIn(package, "data/farmland-change-monitoring.gpkg");
        var year = DateTime.UtcNow.Year;
        var schedule = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/exchange/schedule?year={year}");
        var evaluation = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/exchange/evaluation?year={year}");

        await using var session = await PageSession.OpenAsync(fixture, width);
        var page = session.Page;
        await session.GotoAndWaitReadyAsync("/admin.html");
        await page.ClickAsync(".tabs button[data-tab='exchange']");
        await page.WaitForFunctionAsync("() => (window.__gengbao.exchangeLoaded ?? 0) > 0");

        // The catalog and the schedule of this year, each entry coloured by its status.
        Assert.Equal(await fixture.ScalarAsync<long>("SELECT count(*) FROM exchange_catalog_item"), await page.Locator("#xc-rows tr").CountAsync());
        Assert.Contains("自然资源部门", await page.InnerTextAsync("#xc-rows tr[data-item='land-survey']"));
        var entries = schedule.GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        var shown = await page.Locator("#xs-rows tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.status)");
        Assert.Equal(entries.Select(e => e.GetProperty("status").GetString()!).Order(), shown.Order());
        var overdue = schedule.GetProperty("overdue").GetArrayLength();
        Assert.Equal(overdue, await page.Locator("#xs-rows tr.xs-overdue").CountAsync());
        if (overdue > 0)
        {
            Assert.Contains($"{overdue} 项汇交已逾期未交", await page.InnerTextAsync("#xs-overdue"));
            Assert.Equal("rgb(254, 242, 242)", await page.Locator("#xs-rows tr.xs-overdue td").First.EvaluateAsync<string>("td => getComputedStyle(td).backgroundColor"));
        }

        // The evaluation: one bar per department and score, the values the API gives; a canvas drawn; the CSV link works.
        var chart = await session.EvalJsonAsync("() => window.__gengbao.evaluationChart");
        Assert.Equal(["及时性（30）", "完整性（30）", "质量（25）", "使用（15）"], chart.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var departments = evaluation.GetProperty("departments").EnumerateArray().ToList();
        Assert.Equal(departments.Select(d => d.GetProperty("department").GetString()), chart.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(departments.Select(d => Math.Round(d.GetProperty("timeliness").GetDouble(), 1)),
            chart.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(v => v.GetDouble()));
        Assert.True(await page.Locator("#xe-chart canvas").CountAsync() > 0);
        Assert.True(await page.EvalOnSelectorAsync<int>("#xe-chart canvas", "c => c.width") > 100);
        var csvHref = await page.GetAttributeAsync("#xe-csv", "href");
        Assert.Equal($"/api/exchange/evaluation?year={year}&format=csv", csvHref);
        var csv = await session.EvalAsync<string>($"() => fetch('{csvHref}').then(r => r.text())");
        Assert.Contains("timeliness", csv.Split('\n')[0], StringComparison.OrdinalIgnoreCase);
        await AssertNoHorizontalOverflowAsync(session);
        await session.ScreenshotAsync("admin-exchange");

        // Upload: the tampered package is refused naming the file and the checksum; the good one is accepted.
        await UploadAsync(session, $"tampered-{width}.zip", tampered);
        var refused = await page.InnerTextAsync("#xu-result");
        Assert.StartsWith("拒收", refused);
        Assert.Contains("data/farmland-change-monitoring.gpkg", refused);
        Assert.Contains("SM3 checksum mismatch", refused);
        Assert.True(await page.Locator("#xu-result").EvaluateAsync<bool>("e => e.classList.contains('error')"));
        var refusedId = await fixture.ScalarAsync<long>($"SELECT id FROM exchange_delivery WHERE package_name = 'tampered-{width}.zip'");
        Assert.Equal("refused", await page.GetAttributeAsync($"#xd-rows tr[data-delivery-id='{refusedId}']", "data-status"));
        Assert.Contains("SM3 checksum mismatch", await page.InnerTextAsync($"#xd-rows tr[data-delivery-id='{refusedId}']"));
        await session.ScreenshotAsync("admin-exchange-refused");

        await UploadAsync(session, $"bhtb-{width}.zip", package);
        var accepted = await page.InnerTextAsync("#xu-result");
        var acceptedId = await fixture.ScalarAsync<long>($"SELECT id FROM exchange_delivery WHERE package_name = 'bhtb-{width}.zip'");
        Assert.Equal("accepted", await fixture.ScalarAsync<string>($"SELECT status FROM exchange_delivery WHERE id = {acceptedId}"));
        Assert.StartsWith($"已接收：bhtb-{width}.zip，汇交记录 #{acceptedId}", accepted);
        Assert.Equal("accepted", await page.GetAttributeAsync($"#xd-rows tr[data-delivery-id='{acceptedId}']", "data-status"));
        await AssertNoHorizontalOverflowAsync(session);
        await session.ScreenshotAsync("admin-exchange-accepted");
        // The refusal is a 422 the test provoked.
        session.AssertNoErrorsExcept($"HTTP 422: {fixture.BaseUrl}/api/exchange/packages?name=tampered-{width}.zip", "the server responded with a status of 422");
    }

    private static async Task UploadAsync(PageSession session, string name, byte[] zip)
    {
        var done = await session.EvalAsync<int>("() => window.__gengbao.uploads ?? 0");
        await session.Page.SetInputFilesAsync("#xu-file", new FilePayload { Name = name, MimeType = "application/zip", Buffer = zip });
        await session.Page.ClickAsync("#xu-form button[type=submit]");
        await session.Page.WaitForFunctionAsync($"() => (window.__gengbao.uploads ?? 0) > {done}", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
    }

    /// <summary>The package with one byte in the middle of an entry changed: its SM3 checksum no longer matches the manifest.</summary>
    private static byte[] FlipByteIn(byte[] package, string entryName)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var buffer = new MemoryStream();
                using (var s = entry.Open())
                {
                    s.CopyTo(buffer);
                }
                var bytes = buffer.ToArray();
                if (entry.FullName == entryName)
                {
                    bytes[bytes.Length / 2] ^= 0x20;
                }
                using var t = target.CreateEntry(entry.FullName).Open();
                t.Write(bytes);
            }
        }
        return output.ToArray();
    }
}
