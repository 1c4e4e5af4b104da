using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gengbao.Patrol.Cycles;

namespace Gengbao.Server.Tests.Apis;

public sealed class PatrolApiTests(PatrolApiFixture server) : IClassFixture<PatrolApiFixture>
{
    private HttpClient Client => server.Client;

    /// <summary>Group tasks of the current week, which the scheduler sent at start on the test clock.</summary>
    private async Task<List<JsonElement>> GroupTasksAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var tasks = await Client.GetFromJsonAsync<List<JsonElement>>("/api/patrol/tasks?region=622921000000&state=pending&limit=5000");
            var groups = tasks!.Where(t => t.GetProperty("cellLevel").GetInt32() == 6).ToList();
            if (groups.Count > 0)
            {
                return groups;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the scheduler sent no tasks");
    }

    private static object Point(double lon, double lat, DateTimeOffset time, double? accuracy = 4) => new { lon, lat, accuracy, altitude = 2000.0, time };

    /// <summary>Fixes walking east from the cell's interior point, 15 m every 10 s, ending before the test clock.</summary>
    private async Task<List<object>> WalkAsync(string cell, int count)
    {
        var start = await PointInAsync(cell);
        return Enumerable.Range(0, count)
            .Select(i => Point(start.Lon + (i * 0.000166), start.Lat, PatrolApiFixture.Start.AddHours(-2).AddSeconds(i * 10)))
            .ToList();
    }

    private async Task<(double Lon, double Lat)> PointInAsync(string cell)
    {
        var lon = await server.CountAsync($"SELECT round(ST_X(ST_PointOnSurface(geom_4490)) * 1e6) FROM admin_unit WHERE code = '{cell}'") / 1e6;
        var lat = await server.CountAsync($"SELECT round(ST_Y(ST_PointOnSurface(geom_4490)) * 1e6) FROM admin_unit WHERE code = '{cell}'") / 1e6;
        return (lon, lat);
    }

    [Fact]
    public async Task The_scheduler_sends_this_weeks_tasks_on_the_injected_clock()
    {
        var groups = await GroupTasksAsync();
        var week = PatrolPeriod.Containing(PatrolCycle.Weekly, PatrolApiFixture.Start);
        Assert.All(groups, t => Assert.Equal(week.Key, t.GetProperty("periodKey").GetString()));
        Assert.Equal(week.DueAt, groups[0].GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(await server.CountAsync("SELECT count(*) FROM admin_unit WHERE level = 6"),
            await server.CountAsync($"SELECT count(*) FROM patrol_task WHERE cell_level = 6 AND period_key = '{week.Key}'"));
        using var again = await Client.PostAsync($"/api/patrol/dispatch?at={Uri.EscapeDataString(PatrolApiFixture.Start.ToString("O"))}", null);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tasksCreated").GetInt32());
    }

    [Fact]
    public async Task Batches_upload_idempotently_and_replay_returns_them_in_order_with_speed()
    {
        var task = (await GroupTasksAsync())[0];
        var id = task.GetProperty("id").GetInt64();
        var walk = await WalkAsync(task.GetProperty("cellCode").GetString()!, 30);
        var batch = new { batchId = Guid.NewGuid(), points = walk };
        using (var first = await Client.PostAsJsonAsync($"/api/patrol/tracks/{id}/batches", batch))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.True((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stored").GetBoolean());
        }
        using (var retry = await Client.PostAsJsonAsync($"/api/patrol/tracks/{id}/batches", batch))
        {
            Assert.False((await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stored").GetBoolean());
        }
        using (var clash = await Client.PostAsJsonAsync($"/api/patrol/tracks/{id}/batches", new { batch.batchId, points = walk.Take(5) }))
        {
            Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
            Assert.Contains(batch.batchId.ToString(), await clash.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(30, await server.CountAsync($"SELECT count(*) FROM track_point WHERE task_id = {id}"));

        var replay = (await Client.GetFromJsonAsync<List<JsonElement>>($"/api/patrol/tracks/{id}"))!;
        var sent = JsonSerializer.SerializeToElement(walk).EnumerateArray().ToList();
        Assert.Equal(sent.Select(p => (p.GetProperty("lon").GetDouble(), p.GetProperty("lat").GetDouble(), p.GetProperty("time").GetDateTimeOffset())),
            replay.Select(p => (p.GetProperty("lon").GetDouble(), p.GetProperty("lat").GetDouble(), p.GetProperty("time").GetDateTimeOffset())));
        // 0.000166° of longitude at 35.5°N is about 15 m, walked in 10 s.
        Assert.All(replay.Skip(1), p => Assert.InRange(p.GetProperty("speedMps").GetDouble(), 1.4, 1.6));
        Assert.Equal("in_progress", (await Client.GetFromJsonAsync<JsonElement>($"/api/patrol/tasks/{id}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Impossible_points_are_refused_with_every_problem_and_nothing_is_stored()
    {
        var id = (await GroupTasksAsync())[1].GetProperty("id").GetInt64();
        var before = await server.CountAsync("SELECT count(*) FROM track_point");
        var points = new[]
        {
            Point(103.2, 35.5, PatrolApiFixture.Start.AddMinutes(-5)),
            Point(203.2, 35.5, PatrolApiFixture.Start.AddMinutes(-4)),
            Point(103.2, 35.5, PatrolApiFixture.Start.AddDays(2)),
        };
        using var response = await Client.PostAsJsonAsync($"/api/patrol/tracks/{id}/batches", new { batchId = Guid.NewGuid(), points });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains("point 1: impossible coordinates", problems[0], StringComparison.Ordinal);
        Assert.Contains("point 2: time", problems[1], StringComparison.Ordinal);
        Assert.Equal(before, await server.CountAsync("SELECT count(*) FROM track_point"));
    }

    [Fact]
    public async Task GPX_export_and_import_round_trip_and_malformed_GPX_is_a_clear_400()
    {
        var tasks = await GroupTasksAsync();
        var (from, to) = (tasks[2].GetProperty("id").GetInt64(), tasks[3].GetProperty("id").GetInt64());
        var walk = await WalkAsync(tasks[2].GetProperty("cellCode").GetString()!, 12);
        (await Client.PostAsJsonAsync($"/api/patrol/tracks/{from}/batches", new { batchId = Guid.NewGuid(), points = walk })).EnsureSuccessStatusCode();
        var gpx = await Client.GetByteArrayAsync($"/api/patrol/tracks/{from}/gpx");
        for (var i = 0; i < 2; i++)
        {
            using var imported = await Client.PostAsync($"/api/patrol/tracks/{to}/gpx", new ByteArrayContent(gpx));
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }
        Assert.Equal(12, await server.CountAsync($"SELECT count(*) FROM track_point WHERE task_id = {to}"));
        Assert.Equal(0, await server.CountAsync($"""
            SELECT count(*) FROM (SELECT time, lon, lat FROM track_point WHERE task_id = {from}
                                  EXCEPT SELECT time, lon, lat FROM track_point WHERE task_id = {to}) d
            """));

        using var bad = await Client.PostAsync($"/api/patrol/tracks/{to}/gpx", new ByteArrayContent(Encoding.UTF8.GetBytes("<gpx><trk>\n<trkseg><trkpt lat='x'")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("malformed GPX at line 2", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_roster_upload_with_an_unknown_code_is_refused_whole_and_a_good_one_is_listed_per_cell()
    {
        var before = await server.CountAsync("SELECT count(*) FROM patrol_roster");
        const string header = "行政区代码,行政区名称,网格层级,角色,姓名,手机号,任期开始,任期结束\n";
        using var bad = await Client.PostAsync("/api/patrol/roster?fileName=r.csv",
            new ByteArrayContent(Encoding.UTF8.GetBytes(header + "622921100201,,村,田管员,甲,13300000001,2024-01-01,\n622921000001,,村,田管员,乙,13300000002,2024-01-01,\n")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("r.csv: row 3, column 行政区代码: unknown admin code '622921000001'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await server.CountAsync("SELECT count(*) FROM patrol_roster"));

        using var good = await Client.PostAsync("/api/patrol/roster?fileName=r.csv",
            new ByteArrayContent(Encoding.UTF8.GetBytes(header + "622921100202,,村,田管员,甲,13300000001,2024-01-01,\n")));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var people = await Client.GetFromJsonAsync<List<JsonElement>>("/api/patrol/roster/622921100202");
        Assert.Equal("13300000001", Assert.Single(people!).GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_finding_resolves_the_parcel_and_lists_under_its_region()
    {
        var (lon, lat) = await PointInAsync("622921100201001");
        using var created = await Client.PostAsJsonAsync("/api/patrol/findings", new
        {
            category = "construction",
            geometry = new { type = "Point", coordinates = new[] { lon, lat } },
            notes = "新建房屋",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var finding = await created.Content.ReadFromJsonAsync<JsonElement>();
        var expected = await server.CountAsync($"""
            SELECT count(*) FROM dltb WHERE spatial_code = '{finding.GetProperty("spatialCode").GetString()}'
              AND ST_Intersects(geom_4490, ST_SetSRID(ST_MakePoint({lon}, {lat}), 4490))
            """);
        Assert.Equal(1, expected);
        Assert.Equal("占用耕地建设", finding.GetProperty("categoryLabel").GetString());
        var listed = await Client.GetFromJsonAsync<List<JsonElement>>("/api/patrol/findings?region=622921100000");
        Assert.Contains(listed!, f => f.GetProperty("id").GetInt64() == finding.GetProperty("id").GetInt64());
        using var bad = await Client.PostAsJsonAsync("/api/patrol/findings", new { category = "ufo", geometry = new { type = "Point", coordinates = new[] { lon, lat } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_finding_retried_with_its_client_id_is_stored_once_and_the_id_with_other_content_is_409()
    {
        var (lon, lat) = await PointInAsync("622921100201001");
        var clientId = Guid.NewGuid();
        object Report(string notes) => new
        {
            clientId,
            category = "abandonment",
            geometry = new { type = "Point", coordinates = new[] { lon + 0.0003, lat + 0.0002 } },
            notes,
        };
        async Task<long> CountAsync(string sql) => await server.CountAsync(sql.Replace("{id}", clientId.ToString(), StringComparison.Ordinal));
        var casesBefore = await server.CountAsync("SELECT count(*) FROM problem_case");

        using var first = await Client.PostAsJsonAsync("/api/patrol/findings", Report("撂荒两年（重试测试）"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var stored = await first.Content.ReadFromJsonAsync<JsonElement>();
        var caseId = Assert.Single(first.Headers.GetValues("X-Gengbao-Case"));
        var cases = await server.CountAsync("SELECT count(*) FROM problem_case");
        Assert.InRange(cases, casesBefore, casesBefore + 1); // a new case, or merged into an open one at that place

        // The answer was lost; the app sends the same report again.
        using var retry = await Client.PostAsJsonAsync("/api/patrol/findings", Report("撂荒两年（重试测试）"));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var again = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(stored.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        Assert.Equal(caseId, Assert.Single(retry.Headers.GetValues("X-Gengbao-Case")));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM patrol_finding WHERE client_id = '{id}'"));
        Assert.Equal(1, await server.CountAsync($"SELECT count(*) FROM case_source WHERE kind = 'patrol' AND external_number = '{stored.GetProperty("id").GetInt64()}'"));
        Assert.Equal(cases, await server.CountAsync("SELECT count(*) FROM problem_case"));

        // The same id with other content: refused with a reason, nothing written.
        var findingsBefore = await server.CountAsync("SELECT count(*) FROM patrol_finding");
        using var reused = await Client.PostAsJsonAsync("/api/patrol/findings", Report("另一条发现"));
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        var problem = await reused.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(clientId.ToString(), detail, StringComparison.Ordinal);
        Assert.Contains("different content", detail, StringComparison.Ordinal);
        Assert.Equal(findingsBefore, await server.CountAsync("SELECT count(*) FROM patrol_finding"));
        Assert.Equal(cases, await server.CountAsync("SELECT count(*) FROM problem_case"));
        Assert.Equal("撂荒两年（重试测试）", (await Client.GetFromJsonAsync<JsonElement>($"/api/patrol/findings/{stored.GetProperty("id").GetInt64()}")).GetProperty("notes").GetString());

        // Without a client id every report is a new finding (callers that do not retry).
        using var plain = await Client.PostAsJsonAsync("/api/patrol/findings", new
        {
            category = "abandonment", geometry = new { type = "Point", coordinates = new[] { lon + 0.0003, lat + 0.0002 } }, notes = "撂荒两年（重试测试）",
        });
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
        Assert.Equal(findingsBefore + 1, await server.CountAsync("SELECT count(*) FROM patrol_finding"));
    }

    [Fact]
    public async Task Starting_and_finishing_a_task_judges_it_by_its_track_and_report()
    {
        var task = (await GroupTasksAsync())[5];
        var id = task.GetProperty("id").GetInt64();
        using (var start = await Client.PostAsync($"/api/patrol/tasks/{id}/start", null))
        {
            Assert.Equal("in_progress", (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        }
        (await Client.PostAsJsonAsync($"/api/patrol/tracks/{id}/batches",
            new { batchId = Guid.NewGuid(), points = await WalkAsync(task.GetProperty("cellCode").GetString()!, 20) })).EnsureSuccessStatusCode();
        var report = await Client.GetFromJsonAsync<JsonElement>($"/api/patrol/tasks/{id}/report");
        Assert.Equal(20, report.GetProperty("pointCount").GetInt32());
        Assert.InRange(report.GetProperty("coverage").GetDouble(), 0.0001, 0.5);
        using var finish = await Client.PostAsync($"/api/patrol/tasks/{id}/finish", null);
        var finished = await finish.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("incomplete", finished.GetProperty("state").GetString());
        Assert.Equal(report.GetProperty("coverage").GetDouble(), finished.GetProperty("coverage").GetDouble(), 9);
        using var twice = await Client.PostAsync($"/api/patrol/tasks/{id}/start", null);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        using var unknown = await Client.PostAsync("/api/patrol/tasks/999999999/start", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_patrol_routes()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/patrol/roster", "/api/patrol/tasks", "/api/patrol/tracks/{taskId}/batches", "/api/patrol/tracks/{taskId}/gpx", "/api/patrol/findings" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }

    [Fact]
    public async Task Statistics_roll_tasks_up_to_townships_and_agree_with_the_task_list()
    {
        await GroupTasksAsync();
        var monthly = (await Client.GetFromJsonAsync<List<JsonElement>>("/api/patrol/stats/monthly?region=622921000000&level=乡"))!;
        var tasks = await Client.GetFromJsonAsync<List<JsonElement>>("/api/patrol/tasks?region=622921&limit=10000");
        var byTownship = tasks!.Where(t => t.GetProperty("cellLevel").GetInt32() >= 4)
            .GroupBy(t => t.GetProperty("cellCode").GetString()![..9]).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(byTownship.OrderBy(p => p.Key, StringComparer.Ordinal),
            monthly.GroupBy(r => r.GetProperty("unitCode").GetString()!).Select(g => KeyValuePair.Create(g.Key, g.Sum(r => r.GetProperty("tasks").GetInt64())))
                .OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.All(monthly, r => Assert.NotNull(r.GetProperty("unitName").GetString()));
        var ranking = await Client.GetFromJsonAsync<List<JsonElement>>("/api/patrol/stats/townships?region=622921");
        Assert.Equal(byTownship.Count, ranking!.Count);
        Assert.Equal(Enumerable.Range(1, ranking.Count), ranking.Select(r => r.GetProperty("rank").GetInt32()));
        var rates = ranking.Select(r => r.GetProperty("completionRate").GetDouble()).ToList();
        Assert.Equal(rates.OrderDescending(), rates);
        using var bad = await Client.GetAsync("/api/patrol/stats/monthly?level=省");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
