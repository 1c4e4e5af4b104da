using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gengbao.Web.Tests;

/// <summary>The leaders' dashboard (驾驶舱): ECharts charts carry the ledger numbers; clicking a township drills down.</summary>
[Collection(WebCollection.Name)]
public sealed class DashboardPageTests(WebFixture fixture)
{
    /// <summary>Reference totals straight from the tables (docs/domain.md §1.3: cultivated = DLBM 0101/0102/0103), m².</summary>
    private Task<List<object[]>> UnitsAsync(int level, string codePrefix) => fixture.RowsAsync($"""
        SELECT a.code, a.name,
               coalesce((SELECT sum(tbmj) FROM dltb d WHERE d.year = {WebFixture.Year} AND d.dlbm IN ('0101', '0102', '0103')
                         AND left(d.zldwdm, {(level == 4 ? 9 : 12)}) = left(a.code, {(level == 4 ? 9 : 12)})), 0),
               coalesce((SELECT sum(tbmj) FROM yjjbnt y WHERE y.year = {WebFixture.Year}
                         AND left(y.zldwdm, {(level == 4 ? 9 : 12)}) = left(a.code, {(level == 4 ? 9 : 12)})), 0)
        FROM admin_unit a WHERE a.level = {level} AND a.year = {WebFixture.Year} AND a.code LIKE '{codePrefix}%'
        ORDER BY a.code
        """);

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Shows_ledger_charts_and_drills_into_a_township(int width)
    {
        var townships = await UnitsAsync(4, "");
        Assert.NotEmpty(townships);
        await using var session = await PageSession.OpenAsync(fixture, width);
        await session.GotoAndWaitReadyAsync("/dashboard.html");
        await session.Page.WaitForFunctionAsync("() => window.__gengbao.chartsRendered === true");

        AssertChartMatches(await session.EvalJsonAsync("() => window.__gengbao.dashboard.mainChart()"), townships);
        var cultivated = await fixture.ScalarAsync<decimal>($"SELECT sum(tbmj) FROM dltb WHERE year = {WebFixture.Year} AND dlbm IN ('0101', '0102', '0103')");
        var pbf = await fixture.ScalarAsync<decimal>($"SELECT sum(tbmj) FROM yjjbnt WHERE year = {WebFixture.Year}");
        Assert.Equal((double)cultivated, double.Parse((await session.Page.GetAttributeAsync("#kpi-cultivated", "data-value-m2"))!, CultureInfo.InvariantCulture), 0.01);
        Assert.Equal((double)pbf, double.Parse((await session.Page.GetAttributeAsync("#kpi-pbf", "data-value-m2"))!, CultureInfo.InvariantCulture), 0.01);
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        Assert.Equal($"{Math.Round(cultivated * 0.0015m, 2).ToString("N2", zh)} 亩", await session.Page.InnerTextAsync("#kpi-cultivated"));
        Assert.Contains("临夏县", await session.Page.InnerTextAsync("#cockpit-scope"));
        Assert.True(await session.EvalAsync<int>("() => window.__gengbao.featuresInView('admin')") > 0, "the map beside the charts draws admin units");
        await session.ScreenshotAsync("dashboard");

        // A real click on the first township's cultivated-land bar drills down to its villages.
        var first = townships[0];
        var bar = await session.EvalJsonAsync("() => window.__gengbao.dashboard.mainBarPixel(0)");
        var chartBox = (await session.Page.Locator("#chart-townships").BoundingBoxAsync())!;
        await session.Page.Mouse.ClickAsync(chartBox.X + bar[0].GetSingle(), chartBox.Y + bar[1].GetSingle());
        await session.Page.WaitForFunctionAsync("code => window.__gengbao.selected === code", (string)first[0]);
        Assert.Equal((string)first[1], await session.Page.InnerTextAsync("#cockpit-heading"));
        AssertChartMatches(await session.EvalJsonAsync("() => window.__gengbao.dashboard.mainChart()"), await UnitsAsync(5, ((string)first[0])[..9]));
        Assert.True(await session.Page.IsVisibleAsync("#btn-back"));
        Assert.Equal((double)(decimal)first[2], double.Parse((await session.Page.GetAttributeAsync("#kpi-cultivated", "data-value-m2"))!, CultureInfo.InvariantCulture), 0.01);
        await session.Page.WaitForTimeoutAsync(600); // the chart's update animation
        await session.ScreenshotAsync("dashboard-drilldown");
        session.AssertNoErrors();
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Shows_patrol_statistics_overdue_tasks_and_screening_classes(int width)
    {
        await fixture.EnsurePatrolTasksAsync();
        await using var session = await PageSession.OpenAsync(fixture, width);
        // What the page got from the statistics APIs, to compare the charts with.
        var answers = new System.Collections.Concurrent.ConcurrentDictionary<string, JsonElement>();
        var reads = new List<Task>();
        session.Page.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            if (path is "/api/patrol/stats/monthly" or "/api/patrol/stats/townships")
            {
                lock (reads)
                {
                    reads.Add(Task.Run(async () => answers[path] = (await response.JsonAsync())!.Value));
                }
            }
        };
        await session.GotoAndWaitReadyAsync("/dashboard.html");
        await session.Page.WaitForFunctionAsync("() => window.__gengbao.patrolChartsRendered === true");
        await Task.WhenAll(reads);
        var county = await fixture.ScalarAsync<string>("SELECT min(county_code) FROM admin_unit");
        Assert.Equal(county, await session.EvalAsync<string>("() => window.__gengbao.patrolCharts.region"));

        // Monthly completion: one line per township, one point per month, the API's rate in percent (null: no tasks).
        var monthly = answers["/api/patrol/stats/monthly"].EnumerateArray().ToList();
        Assert.NotEmpty(monthly);
        var chart = await session.EvalJsonAsync("() => window.__gengbao.patrolCharts.monthly()");
        var months = chart.GetProperty("x").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(monthly.Select(r => r.GetProperty("month").GetString()!).Distinct().Order(StringComparer.Ordinal).ToList(), months);
        var series = chart.GetProperty("series").EnumerateArray().ToDictionary(x => x.GetProperty("name").GetString()!, x => x.GetProperty("data"));
        Assert.Equal(monthly.Select(r => r.GetProperty("unitCode").GetString()).Distinct().Count(), series.Count);
        foreach (var row in monthly)
        {
            var value = series[row.GetProperty("unitName").GetString()!][months.IndexOf(row.GetProperty("month").GetString()!)];
            Assert.Equal(Math.Round(row.GetProperty("completionRate").GetDouble() * 1000) / 10, value.GetDouble(), 3);
        }

        // Ranking: townships in rank order (best on top, so last in the category list).
        var ranking = answers["/api/patrol/stats/townships"].EnumerateArray().ToList();
        Assert.NotEmpty(ranking);
        var rank = await session.EvalJsonAsync("() => window.__gengbao.patrolCharts.rank()");
        Assert.Equal(ranking.Select(r => $"{r.GetProperty("rank").GetInt32()}. {r.GetProperty("unitName").GetString()}").Reverse().ToList(),
            rank.GetProperty("y").EnumerateArray().Select(c => c.GetString()!).ToList());

        // Overdue list: as many as the database holds for the county, rows link to the replay.
        var overdue = await fixture.ScalarAsync<long>($"SELECT count(*) FROM patrol_task WHERE state = 'overdue' AND county_code = '{county}'");
        Assert.True(overdue > 0);
        Assert.Equal(overdue >= 1000 ? "1000+" : overdue.ToString(CultureInfo.InvariantCulture), await session.Page.InnerTextAsync("#overdue-count"));
        Assert.Equal((int)Math.Min(overdue, 200), await session.Page.Locator("#overdue-rows tr").CountAsync());
        Assert.StartsWith("/patrol.html?task=", await session.Page.GetAttributeAsync("#overdue-rows tr a", "href"));

        // Screening classes per year of change patches: the screening summary's counts.
        var screening = await session.EvalJsonAsync("() => window.__gengbao.patrolCharts.screening()");
        var years = (await fixture.RowsAsync("SELECT DISTINCT year FROM bhtb ORDER BY year")).Select(r => (int)r[0]).ToList();
        Assert.Equal(years.Select(y => $"{y} 年").ToList(), screening.GetProperty("x").EnumerateArray().Select(c => c.GetString()!).ToList());
        var classes = screening.GetProperty("series").EnumerateArray().ToList();
        for (var i = 0; i < years.Count; i++)
        {
            var summary = (await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/screening/summary?region={county}&year={years[i]}"))[0];
            Assert.Equal(summary.GetProperty("green").GetInt64(), classes[0].GetProperty("data")[i].GetInt64());
            Assert.Equal(summary.GetProperty("yellow").GetInt64(), classes[1].GetProperty("data")[i].GetInt64());
            Assert.Equal(summary.GetProperty("patches").GetInt64() - summary.GetProperty("screened").GetInt64(), classes[2].GetProperty("data")[i].GetInt64());
        }
        await session.Page.Locator("#chart-screening").ScrollIntoViewIfNeededAsync();
        await session.Page.WaitForTimeoutAsync(800); // the charts' entry animation
        await session.ScreenshotAsync("dashboard-patrol");
        session.AssertNoErrors();
    }

    private static void AssertChartMatches(JsonElement chart, List<object[]> units)
    {
        var categories = chart.GetProperty("categories").EnumerateArray().Select(c => c.GetString() ?? "").ToList();
        Assert.Equal(units.Select(u => (string)u[1]).ToList(), categories);
        var series = chart.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal("耕地", series[0].GetProperty("name").GetString());
        Assert.Equal("永久基本农田", series[1].GetProperty("name").GetString());
        for (var i = 0; i < units.Count; i++)
        {
            Assert.Equal((double)Math.Round((decimal)units[i][2] * 0.0015m, 2), series[0].GetProperty("data")[i].GetDouble(), 0.006);
            Assert.Equal((double)Math.Round((decimal)units[i][3] * 0.0015m, 2), series[1].GetProperty("data")[i].GetDouble(), 0.006);
        }
    }
}
