using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gengbao.Web.Tests;

/// <summary>
/// 巡田监管 (patrol.html): tasks of the region by state with the supervisors' warnings, and the replay of a task's
/// track: one dot per fix, flagged fixes highlighted, a slider with one step per fix, speed shown, play moves on.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PatrolPageTests(WebFixture fixture)
{
    private const int Fixes = 40;

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Lists_tasks_by_state_and_replays_a_track_with_its_flags(int width)
    {
        await fixture.EnsurePatrolTasksAsync();
        var taskId = await TaskWithTrackAsync();
        var replay = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/patrol/tracks/{taskId}");
        Assert.Equal(Fixes, replay.GetArrayLength());
        var flagged = replay.EnumerateArray().Count(f => f.GetProperty("jump").GetBoolean() || f.GetProperty("poorAccuracy").GetBoolean() || f.GetProperty("outsideCell").GetBoolean());
        Assert.Contains(replay.EnumerateArray(), f => f.GetProperty("jump").GetBoolean());
        Assert.Contains(replay.EnumerateArray(), f => f.GetProperty("poorAccuracy").GetBoolean());

        await using var session = await PageSession.OpenAsync(fixture, width);
        await session.GotoAndWaitReadyAsync("/patrol.html");
        var page = session.Page;

        // State counts and warnings of the whole region (the admin's region is the country).
        var byState = (await fixture.RowsAsync("SELECT state, count(*) FROM patrol_task GROUP BY state")).ToDictionary(r => (string)r[0], r => (long)r[1]);
        Assert.True(byState.Values.Sum() <= 2000, "the page lists up to 2,000 tasks");
        foreach (var state in new[] { "pending", "overdue", "in_progress" })
        {
            Assert.Equal(byState.GetValueOrDefault(state).ToString(CultureInfo.InvariantCulture),
                await page.InnerTextAsync($".state-count[data-state='{state}'] strong"));
        }
        Assert.True(byState.GetValueOrDefault("overdue") > 0, "the earlier dispatch left overdue tasks");
        var warnings = await fixture.ScalarAsync<long>("SELECT count(*) FROM patrol_warning");
        Assert.Equal(Math.Min(200, warnings).ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync("#warning-count"));

        // Filter overdue by clicking its count: only overdue rows remain.
        await page.ClickAsync(".state-count[data-state='overdue']");
        var states = await page.Locator("#task-rows tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.state)");
        Assert.NotEmpty(states);
        Assert.All(states, s => Assert.Equal("overdue", s));
        await page.ClickAsync(".state-count[data-state='overdue']");

        // The task's township, then a real click on the task's row.
        var township = (await fixture.ScalarAsync<string>($"SELECT cell_code FROM patrol_task WHERE id = {taskId}"))[..9] + "000";
        var loads = await session.EvalAsync<int>("() => window.__gengbao.tasksLoaded");
        await page.SelectOptionAsync("#f-region", township);
        await page.WaitForFunctionAsync($"() => window.__gengbao.tasksLoaded > {loads}");
        Assert.Equal(await fixture.ScalarAsync<long>($"SELECT count(*) FROM patrol_task WHERE starts_with(cell_code, '{township[..9]}')"),
            await session.EvalAsync<long>("() => window.__gengbao.patrol.tasks()"));
        var row = page.Locator($"#task-rows tr[data-task-id='{taskId}']");
        await row.ScrollIntoViewIfNeededAsync();
        await row.ClickAsync();
        await page.WaitForFunctionAsync($"() => window.__gengbao.replayTask === {taskId}");
        var summary = await session.EvalJsonAsync("() => window.__gengbao.patrol.replay()");
        Assert.Equal(Fixes, summary.GetProperty("fixes").GetInt32());
        Assert.Equal(1, summary.GetProperty("track").GetInt32());
        Assert.Equal(Fixes + 3, summary.GetProperty("features").GetInt32()); // line, walked part, marker
        Assert.Equal(flagged, summary.GetProperty("flagged").GetInt32());
        Assert.Equal((Fixes - 1).ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#replay-slider", "max"));
        Assert.Equal(flagged, await page.Locator("#replay-flags li").CountAsync());
        Assert.Contains($"{Fixes} 个定位点", await page.InnerTextAsync("#replay-summary"));

        // Slider to the jump: its speed and flag are shown.
        var jump = replay.EnumerateArray().Select((f, i) => (f, i)).First(x => x.f.GetProperty("jump").GetBoolean());
        await page.Locator("#replay-slider").FillAsync(jump.i.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(jump.i, (await session.EvalJsonAsync("() => window.__gengbao.patrol.replay()")).GetProperty("position").GetInt32());
        Assert.Equal($"{jump.f.GetProperty("speedMps").GetDouble() * 3.6:F1} km/h", await page.InnerTextAsync("#replay-speed"));
        Assert.Contains("跳点", await page.InnerTextAsync("#replay-flag"));
        await session.ScreenshotAsync("patrol-replay");

        // Play from the start: the marker moves on by itself.
        await page.Locator("#replay-slider").FillAsync("0");
        await page.ClickAsync("#btn-play");
        await page.WaitForFunctionAsync("() => window.__gengbao.patrol.replay().position >= 3");
        Assert.Equal("暂停", await page.InnerTextAsync("#btn-play"));
        await page.ClickAsync("#btn-play");
        session.AssertNoErrors();
    }

    /// <summary>
    /// A village task with a 40-fix walk uploaded through the API (10 s apart, ~12 m a step), one fix thrown 600 m off
    /// (two jump segments) and one with 80 m accuracy. Made once; the second width reuses it.
    /// </summary>
    private async Task<long> TaskWithTrackAsync()
    {
        var existing = await fixture.RowsAsync("SELECT task_id FROM track_batch WHERE batch_id = '00000000-0000-0000-0000-00000000beef'");
        if (existing.Count == 1)
        {
            return (long)existing[0][0];
        }
        var row = (await fixture.RowsAsync("""
            SELECT t.id, ST_X(ST_PointOnSurface(a.geom_4490)), ST_Y(ST_PointOnSurface(a.geom_4490))
            FROM patrol_task t JOIN admin_unit a ON a.code = t.cell_code AND a.year = (SELECT max(year) FROM admin_unit)
            WHERE t.cell_level = 5 AND t.state = 'pending' AND NOT EXISTS (SELECT 1 FROM track_batch b WHERE b.task_id = t.id)
            ORDER BY t.cell_code LIMIT 1
            """)).Single();
        var (taskId, lon0, lat0) = ((long)row[0], (double)row[1], (double)row[2]);
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var points = Enumerable.Range(0, Fixes).Select(i => new
        {
            lon = lon0 + i * 0.00012 + (i == 20 ? 0.006 : 0),
            lat = lat0 + (i % 2) * 0.00003,
            accuracy = i == 30 ? 80.0 : 5.0,
            altitude = 1900.0,
            time = start.AddSeconds(i * 10),
        }).ToArray();
        using var upload = await fixture.Http.PostAsJsonAsync($"/api/patrol/tracks/{taskId}/batches",
            new { batchId = "00000000-0000-0000-0000-00000000beef", points });
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        return taskId;
    }
}
