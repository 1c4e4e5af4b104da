using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gengbao.Server.Tests.Apis;

/// <summary>
/// Screening through the HTTP API with the server's background worker doing the work, over the shared sample
/// (its import has already queued a run, which the worker picks up on start).
/// </summary>
public sealed class ScreeningApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task AQueuedRunIsScreenedInTheBackgroundAndItsResultsServed()
    {
        using var queued = await server.Client.PostAsJsonAsync("/api/screening/runs", new { region = "622921", year = 2024 });
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        using var runs = JsonDocument.Parse(await queued.Content.ReadAsStringAsync());
        var id = runs.RootElement.EnumerateArray().Single().GetProperty("id").GetInt64();

        var run = await WaitForAsync(id);
        Assert.Equal("done", run.GetProperty("status").GetString());
        Assert.Equal(500, run.GetProperty("progressDone").GetInt64());
        var yellow = run.GetProperty("yellowCount").GetInt64();
        var expectedYellow = File.ReadLines(TestSupport.SharedData.File("screen_S.csv")).Count(l => l.EndsWith(",yellow", StringComparison.Ordinal));
        Assert.Equal(expectedYellow, yellow);

        using var results = JsonDocument.Parse(await server.Client.GetStringAsync("/api/screening/results?region=622921&year=2024&class=yellow&limit=1000"));
        Assert.Equal(expectedYellow, results.RootElement.GetArrayLength());
        var first = results.RootElement[0];
        Assert.Equal("yellow", first.GetProperty("class").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("reason").GetString()));

        var jcbh = first.GetProperty("jcbh").GetString();
        using var one = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/screening/results/{jcbh}"));
        Assert.Equal(first.GetProperty("gdMj").GetDecimal(), one.RootElement[0].GetProperty("gdMj").GetDecimal());

        using var summary = JsonDocument.Parse(await server.Client.GetStringAsync("/api/screening/summary?region=622921&year=2024"));
        var county = summary.RootElement.EnumerateArray().Single();
        Assert.Equal(500, county.GetProperty("patches").GetInt64());
        Assert.Equal(500, county.GetProperty("screened").GetInt64());
        Assert.Equal(expectedYellow, county.GetProperty("yellow").GetInt64());

        using var map = JsonDocument.Parse(await server.Client.GetStringAsync("/api/screening/patches.geojson?region=622921&year=2024"));
        var features = map.RootElement.GetProperty("features");
        Assert.Equal(500, features.GetArrayLength());
        Assert.Equal(expectedYellow, features.EnumerateArray().Count(f => f.GetProperty("properties").GetProperty("class").GetString() == "yellow"));
    }

    [Fact]
    public async Task BadRequestsAreRefusedWithAReason()
    {
        using var region = await server.Client.PostAsJsonAsync("/api/screening/runs", new { region = "62292110", year = 2024 });
        Assert.Equal(HttpStatusCode.BadRequest, region.StatusCode);
        Assert.Contains("county (6)", await region.Content.ReadAsStringAsync());

        using var noPatches = await server.Client.PostAsJsonAsync("/api/screening/runs", new { region = "622921", year = 1999 });
        Assert.Equal(HttpStatusCode.NotFound, noPatches.StatusCode);

        using var badClass = await server.Client.GetAsync("/api/screening/results?region=622921&year=2024&class=red");
        Assert.Equal(HttpStatusCode.BadRequest, badClass.StatusCode);

        using var unknown = await server.Client.GetAsync("/api/screening/runs/987654");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var oneYear = await server.Client.PostAsJsonAsync("/api/comparison/runs", new { county = "622921", beforeYear = 2023, afterYear = 2024 });
        Assert.Equal(HttpStatusCode.BadRequest, oneYear.StatusCode);
        Assert.Contains("stored for both 2023 and 2024", await oneYear.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> WaitForAsync(long id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            using var run = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/screening/runs/{id}"));
            var status = run.RootElement.GetProperty("status").GetString();
            if (status is "done" or "failed" || DateTime.UtcNow > deadline)
            {
                return run.RootElement.Clone();
            }
            await Task.Delay(200);
        }
    }
}
