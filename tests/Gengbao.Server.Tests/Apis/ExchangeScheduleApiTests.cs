using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gengbao.Server.Tests.Apis;

/// <summary>
/// Schedule and evaluation (汇交成效评估) of 2023 on a receiving platform whose log holds deliveries on time, late,
/// refused and missing (docs/exchange.md, "Schedule and evaluation"). Its own platform instance: the scores count every delivery of the year.
/// </summary>
public sealed class ExchangeScheduleApiTests(ReceivingPlatform target) : IClassFixture<ReceivingPlatform>
{
    private const string County = "622921";

    private async Task SeedAsync()
    {
        // Annual update of 2023 in use on 1 March: annual items due 31 March; half-yearly ones 30 July and 30 January 2024.
        await target.ScalarAsync($"""
            INSERT INTO exchange_annual_update (county_code, year, in_use_on, recorded_by) VALUES ('{County}', 2023, '2023-03-01', 'test')
            ON CONFLICT DO NOTHING;
            INSERT INTO exchange_delivery (county_code, catalog_item, year, period, channel, package_name, package_sm3, package_bytes, received_at, received_by, status, reason, layer_versions, payload)
            SELECT * FROM (VALUES
                ('{County}', 'land-survey', 2023, 'annual', 'api', 'a.zip', 'x', 1, timestamptz '2023-03-20 10:00+08', 'test', 'accepted', NULL, ARRAY[7]::bigint[], NULL::bytea),
                ('{County}', 'farmland-change-monitoring', 2023, 'H1', 'api', 'b.zip', 'x', 1, timestamptz '2023-07-20 10:00+08', 'test', 'refused', 'bad', ARRAY[]::bigint[], NULL),
                ('{County}', 'farmland-change-monitoring', 2023, 'H1', 'api', 'c.zip', 'x', 1, timestamptz '2023-08-10 10:00+08', 'test', 'accepted', NULL, ARRAY[]::bigint[], NULL),
                ('{County}', 'soil-census', 2023, 'annual', 'offline', 'soil.zip', 'x', 1, timestamptz '2023-04-15 10:00+08', 'test', 'accepted', NULL, ARRAY[]::bigint[], '\x53514c697465'::bytea)
            ) v WHERE NOT EXISTS (SELECT 1 FROM exchange_delivery WHERE year = 2023);
            SELECT 1
            """);
    }

    private async Task<Dictionary<string, JsonElement>> EvaluationAsync()
    {
        using var body = JsonDocument.Parse(await target.Exchange.GetStringAsync("/api/exchange/evaluation?year=2023"));
        return body.RootElement.GetProperty("departments").EnumerateArray().ToDictionary(d => d.GetProperty("department").GetString()!, d => d.Clone());
    }

    private static string Scores(JsonElement d) => string.Join(" ", new[] { "due", "onTime", "late", "missing", "timeliness", "completeness", "quality", "use", "total" }
        .Select(p => d.GetProperty(p).GetRawText()));

    [Fact]
    public async Task OnTimeLateAndMissingDeliveriesGiveTheDocumentedScoresAndADownloadCountsAsUse()
    {
        await SeedAsync();
        var before = await EvaluationAsync();
        // Natural resources: 7 due (land survey, three zones, supplementary farmland annual; monitoring and non-grain pushes H1, H2);
        // 1 on time, 1 late, 5 missing → timeliness 30/7, completeness 60/7; 2 accepted of 3 → quality 16.7; 1 of 2 used (loaded) → 7.5.
        Assert.Equal("7 1 1 5 4.3 8.6 16.7 7.5 37.1", Scores(before["natural_resources"]));
        // Agriculture: 4 annual items due, soil census 15 days late, not yet downloaded → use 0.
        Assert.Equal("4 0 1 3 0 7.5 25 0 32.5", Scores(before["agriculture"]));

        var soil = await target.ScalarAsync("SELECT id FROM exchange_delivery WHERE catalog_item = 'soil-census' AND year = 2023");
        using (var download = await target.Exchange.GetAsync($"/api/exchange/deliveries/{soil}/payload"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("SQLite"u8.ToArray(), await download.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal("4 0 1 3 0 7.5 25 15 47.5", Scores((await EvaluationAsync())["agriculture"]));
    }

    [Fact]
    public async Task TheScheduleListsDueDatesAndOverdueWarningsAndTheReportComesAsCsvAndHtml()
    {
        await SeedAsync();
        using var schedule = JsonDocument.Parse(await target.Exchange.GetStringAsync("/api/exchange/schedule?year=2023"));
        var entries = schedule.RootElement.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("region").GetString() == County)
            .ToDictionary(e => e.GetProperty("catalogItem").GetString() + " " + e.GetProperty("period").GetString(), e => e.Clone());
        Assert.Equal(11, entries.Count);
        Assert.Equal("2023-03-31 on_time", $"{entries["land-survey annual"].GetProperty("dueDate").GetString()} {entries["land-survey annual"].GetProperty("status").GetString()}");
        Assert.Equal("2023-07-30 late 11", $"{entries["farmland-change-monitoring H1"].GetProperty("dueDate").GetString()} {entries["farmland-change-monitoring H1"].GetProperty("status").GetString()} {entries["farmland-change-monitoring H1"].GetProperty("daysLate").GetInt32()}");
        Assert.Equal("2024-01-30 overdue", $"{entries["farmland-change-monitoring H2"].GetProperty("dueDate").GetString()} {entries["farmland-change-monitoring H2"].GetProperty("status").GetString()}");
        var overdue = schedule.RootElement.GetProperty("overdue").EnumerateArray().Select(e => e.GetProperty("catalogItem").GetString() + " " + e.GetProperty("period").GetString()).ToList();
        Assert.Equal(8, overdue.Count);
        Assert.Contains("three-zones-farmland annual", overdue);

        var csv = await target.Exchange.GetStringAsync("/api/exchange/evaluation?year=2023&format=csv");
        Assert.Contains("natural_resources,2023,7,1,1,5,2,1,1,4.3,8.6,16.7,7.5,37.1", csv, StringComparison.Ordinal);
        Assert.Contains("汇交成效评估", await target.Exchange.GetStringAsync("/api/exchange/evaluation?year=2023&format=html"), StringComparison.Ordinal);

        // Recording the annual update is for admins; the exchange account may not.
        using var put = await target.Exchange.PutAsJsonAsync("/api/exchange/annual-updates", new { region = County, year = 2024, inUseOn = "2024-03-01" });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
    }
}
