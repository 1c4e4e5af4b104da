using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gengbao.Security.Access;
using Gengbao.Server.Tests.Apis;

namespace Gengbao.Server.Tests.Security;

/// <summary>
/// Grid patrol under region scope, over the two counties of <see cref="ServerFixture"/>: a county's field manager
/// sees and writes only his county's tasks, tracks and findings (row-level security on the patrol tables), and sees
/// the roster's names and phones masked; an admin sees them whole.
/// </summary>
public sealed class PatrolScopeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Header = "行政区代码,行政区名称,网格层级,角色,姓名,手机号,任期开始,任期结束\n";

    private async Task<HttpClient> ClientAsync(string name, Role role, string region)
    {
        await server.CreateUserAsync(name, role, region);
        return await server.LoginAsync(name);
    }

    /// <summary>The admin's task list once the scheduler has dispatched both counties.</summary>
    private async Task<List<JsonElement>> AllTasksAsync()
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var tasks = await server.Client.GetFromJsonAsync<List<JsonElement>>("/api/patrol/tasks?region=62&limit=10000");
            if (tasks!.Select(t => t.GetProperty("countyCode").GetString()).Distinct().Count() == 2)
            {
                return tasks!;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the scheduler did not dispatch both counties");
    }

    private async Task<string> VillageOfAsync(string county) =>
        await server.ScalarAsync($"SELECT min(code) FROM admin_unit WHERE level = 5 AND county_code = '{county}'");

    [Fact]
    public async Task A_county_field_manager_sees_and_writes_only_his_county()
    {
        var all = await AllTasksAsync();
        var own = all.First(t => t.GetProperty("countyCode").GetString() == "622921" && t.GetProperty("cellLevel").GetInt32() == 6);
        var other = all.First(t => t.GetProperty("countyCode").GetString() == ServerFixture.SecondCounty);
        using var manager = await ClientAsync("patrol-scope-fm", Role.FieldManager, "622921");

        var seen = await manager.GetFromJsonAsync<List<JsonElement>>("/api/patrol/tasks?region=62&limit=10000");
        Assert.NotEmpty(seen!);
        Assert.All(seen!, t => Assert.Equal("622921", t.GetProperty("countyCode").GetString()));
        Assert.Equal(all.Count(t => t.GetProperty("countyCode").GetString() == "622921"), seen!.Count);

        using (var foreign = await manager.GetAsync($"/api/patrol/tasks/{other.GetProperty("id").GetInt64()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        var time = DateTimeOffset.UtcNow.AddMinutes(-30);
        var cell = own.GetProperty("cellCode").GetString()!;
        var lon = double.Parse(await server.ScalarAsync($"SELECT ST_X(ST_PointOnSurface(geom_4490)) FROM admin_unit WHERE code = '{cell}' LIMIT 1"), CultureInfo.InvariantCulture);
        var lat = double.Parse(await server.ScalarAsync($"SELECT ST_Y(ST_PointOnSurface(geom_4490)) FROM admin_unit WHERE code = '{cell}' LIMIT 1"), CultureInfo.InvariantCulture);
        var points = Enumerable.Range(0, 5).Select(i => new { lon = lon + (i * 0.0001), lat, accuracy = 5.0, time = time.AddSeconds(i * 10) }).ToList();
        var pointsBefore = await server.ScalarAsync("SELECT count(*) FROM track_point");
        using (var foreign = await manager.PostAsJsonAsync($"/api/patrol/tracks/{other.GetProperty("id").GetInt64()}/batches",
                   new { batchId = Guid.NewGuid(), points }))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        Assert.Equal(pointsBefore, await server.ScalarAsync("SELECT count(*) FROM track_point"));

        // His own task takes the batch through the scoped connection (partition made by the definer function).
        using (var upload = await manager.PostAsJsonAsync($"/api/patrol/tracks/{own.GetProperty("id").GetInt64()}/batches",
                   new { batchId = Guid.NewGuid(), points }))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }
        var replay = await manager.GetFromJsonAsync<JsonElement>($"/api/patrol/tracks/{own.GetProperty("id").GetInt64()}");
        Assert.Equal(5, replay.GetArrayLength());

        // A finding placed in the other county is outside every admin unit he can see.
        var otherVillage = await VillageOfAsync(ServerFixture.SecondCounty);
        var olon = double.Parse(await server.ScalarAsync($"SELECT ST_X(ST_PointOnSurface(geom_4490)) FROM admin_unit WHERE code = '{otherVillage}' LIMIT 1"), CultureInfo.InvariantCulture);
        var olat = double.Parse(await server.ScalarAsync($"SELECT ST_Y(ST_PointOnSurface(geom_4490)) FROM admin_unit WHERE code = '{otherVillage}' LIMIT 1"), CultureInfo.InvariantCulture);
        var findingsBefore = await server.ScalarAsync("SELECT count(*) FROM patrol_finding");
        using (var outside = await manager.PostAsJsonAsync("/api/patrol/findings",
                   new { category = "construction", geometry = new { type = "Point", coordinates = new[] { olon, olat } }, notes = "越界" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        }
        Assert.Equal(findingsBefore, await server.ScalarAsync("SELECT count(*) FROM patrol_finding"));
    }

    [Fact]
    public async Task Roster_names_and_phones_are_masked_for_field_managers_and_whole_for_admins()
    {
        var village = await VillageOfAsync("622921");
        using (var upload = await server.Client.PostAsync("/api/patrol/roster?fileName=scope.csv",
                   new ByteArrayContent(Encoding.UTF8.GetBytes(Header + $"{village},,村,田管员,王小明,13912345678,2024-01-01,\n"))))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }
        var whole = Assert.Single((await server.Client.GetFromJsonAsync<List<JsonElement>>($"/api/patrol/roster/{village}"))!);
        Assert.Equal("13912345678", whole.GetProperty("phone").GetString());
        Assert.Equal("王小明", whole.GetProperty("name").GetString());

        using var manager = await ClientAsync("patrol-scope-mask", Role.FieldManager, "622921");
        var masked = Assert.Single((await manager.GetFromJsonAsync<List<JsonElement>>($"/api/patrol/roster/{village}"))!);
        Assert.Equal("139****5678", masked.GetProperty("phone").GetString());
        Assert.Equal("王**", masked.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_county_admin_cannot_load_roster_rows_of_another_county()
    {
        var otherVillage = await VillageOfAsync(ServerFixture.SecondCounty);
        var before = await server.ScalarAsync("SELECT count(*) FROM patrol_roster");
        using var admin = await ClientAsync("patrol-scope-admin", Role.RegionAdmin, "622921");
        using var upload = await admin.PostAsync("/api/patrol/roster?fileName=foreign.csv",
            new ByteArrayContent(Encoding.UTF8.GetBytes(Header + $"{otherVillage},,村,田管员,李四,13700000001,2024-01-01,\n")));
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains($"'{otherVillage}'", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await server.ScalarAsync("SELECT count(*) FROM patrol_roster"));
    }
}
