using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gengbao.Security.Access;

namespace Gengbao.Server.Tests.Apis;

/// <summary>
/// Changing and ending patrol plans (<c>PUT /api/patrol/plans/{id}</c>, <c>POST /api/patrol/plans/{id}/end</c>): admins
/// only, plans of their own region only, every problem named by its field, nothing written on refusal, audited.
/// </summary>
public sealed class PatrolPlanApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static async Task<JsonElement> CreateAsync(HttpClient client, string name, string region, int level = 5)
    {
        using var created = await client.PostAsJsonAsync("/api/patrol/plans", new { name, level, regionPrefix = region, cycle = "monthly", months = (int[]?)null });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_county_admin_changes_and_ends_his_county_override_and_it_is_audited()
    {
        await server.CreateUserAsync("plan-county", Role.RegionAdmin, "622921");
        using var county = await server.LoginAsync("plan-county");
        var id = (await CreateAsync(county, "农忙季村级巡田", "622921")).GetProperty("id").GetInt64();

        using (var changed = await county.PutAsJsonAsync($"/api/patrol/plans/{id}", new { name = "农忙季村级每周巡田", cycle = "weekly", months = new[] { 5, 6, 9 } }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            var plan = await changed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("weekly", plan.GetProperty("cycle").GetString());
            Assert.Equal([5, 6, 9], plan.GetProperty("months").EnumerateArray().Select(m => m.GetInt32()));
            Assert.Equal("622921", plan.GetProperty("regionPrefix").GetString());
            Assert.Equal(5, plan.GetProperty("level").GetInt32());
        }
        Assert.Equal("农忙季村级每周巡田|weekly|{5,6,9}|true", await server.ScalarAsync($"SELECT name || '|' || cycle || '|' || months::text || '|' || active FROM patrol_plan WHERE id = {id}"));

        using (var ended = await county.PostAsync($"/api/patrol/plans/{id}/end", null))
        {
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            Assert.False((await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").GetBoolean());
        }
        Assert.Equal("False", await server.ScalarAsync($"SELECT active FROM patrol_plan WHERE id = {id}"));
        using (var again = await county.PostAsync($"/api/patrol/plans/{id}/end", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        using (var late = await county.PutAsJsonAsync($"/api/patrol/plans/{id}", new { name = "复活", cycle = "weekly" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }
        Assert.Equal("1", await server.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE actor = 'plan-county' AND action = 'PUT /api/patrol/plans/{id:long}' AND detail->>'status' = '200'"));
        Assert.Equal("1", await server.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE actor = 'plan-county' AND action = 'POST /api/patrol/plans/{id:long}/end' AND detail->>'status' = '200'"));
    }

    [Fact]
    public async Task Every_problem_names_its_field_and_nothing_is_written()
    {
        var id = (await CreateAsync(server.Client, "待校验计划", "622921100")).GetProperty("id").GetInt64();
        using var refused = await server.Client.PutAsJsonAsync($"/api/patrol/plans/{id}", new { name = " ", cycle = "daily", months = new[] { 0, 13 } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problems = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("name:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("cycle:", StringComparison.Ordinal) && p.Contains("daily", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("months:", StringComparison.Ordinal));
        Assert.Equal("待校验计划|monthly", await server.ScalarAsync($"SELECT name || '|' || cycle FROM patrol_plan WHERE id = {id}"));

        using var created = await server.Client.PostAsJsonAsync("/api/patrol/plans", new { name = "", level = 9, regionPrefix = "62x", cycle = "weekly" });
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var createProblems = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(["name", "level", "regionPrefix"], createProblems.Select(p => p.Split(':')[0]));

        using var missing = await server.Client.PutAsJsonAsync("/api/patrol/plans/999999", new { name = "无", cycle = "weekly" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Other_regions_defaults_and_non_admins_are_refused()
    {
        var id = (await CreateAsync(server.Client, "临夏县乡级巡田", "622921", level: 4)).GetProperty("id").GetInt64();
        await server.CreateUserAsync("plan-other", Role.RegionAdmin, ServerFixture.SecondCounty);
        using var other = await server.LoginAsync("plan-other");
        using (var change = await other.PutAsJsonAsync($"/api/patrol/plans/{id}", new { name = "越权", cycle = "weekly" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
            Assert.Contains("regionPrefix", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var end = await other.PostAsync($"/api/patrol/plans/{id}/end", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, end.StatusCode);
        }
        // The seeded country-wide default is not a county admin's to change, and no one ends it.
        using (var national = await other.PutAsJsonAsync("/api/patrol/plans/4", new { name = "村级巡田", cycle = "weekly" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, national.StatusCode);
        }
        using (var endDefault = await server.Client.PostAsync("/api/patrol/plans/4/end", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, endDefault.StatusCode);
        }
        // A plan for another county is refused by row-level security with 403, not a server error.
        using (var foreign = await other.PostAsJsonAsync("/api/patrol/plans", new { name = "越权新增", level = 5, regionPrefix = "622921", cycle = "weekly" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }

        await server.CreateUserAsync("plan-field", Role.FieldManager, "622921");
        using var field = await server.LoginAsync("plan-field");
        using (var change = await field.PutAsJsonAsync($"/api/patrol/plans/{id}", new { name = "田管员改", cycle = "weekly" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        }
        using (var end = await field.PostAsync($"/api/patrol/plans/{id}/end", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, end.StatusCode);
        }
        Assert.Equal("临夏县乡级巡田|monthly|true",
            await server.ScalarAsync($"SELECT name || '|' || cycle || '|' || active FROM patrol_plan WHERE id = {id}"));
        Assert.Equal("村级巡田（每月）|monthly|true", await server.ScalarAsync("SELECT name || '|' || cycle || '|' || active FROM patrol_plan WHERE id = 4"));
    }
}
