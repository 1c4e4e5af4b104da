using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Gengbao.Ledger.Accounts;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Gengbao.Web.Tests;

/// <summary>The ledger's report from the API: the printable page in Chromium (charts, totals, print layout), the workbook reopened, targets imported.</summary>
[Collection(WebCollection.Name)]
public sealed class LedgerReportTests(WebFixture fixture)
{
    private const string ReportPath = "/api/ledger/report?unit=622921&year=2024";

    [Fact]
    public async Task PrintablePageShowsTheTotalsAndOneBarPairPerTownship()
    {
        var cultivated = await fixture.ScalarAsync<decimal>("SELECT sum(tbmj) FROM dltb WHERE year = 2024 AND dlbm IN ('0101', '0102', '0103')");
        var townships = await fixture.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE year = 2024 AND level = 4");
        await using var session = await PageSession.OpenAsync(fixture, 1366);
        var response = await session.Page.GotoAsync(ReportPath + "&format=html");
        Assert.Equal(200, response!.Status);

        Assert.Equal(AreaUnits.WanMu(cultivated).ToString("F4", CultureInfo.InvariantCulture), await session.Page.InnerTextAsync("#total-cultivated"));
        Assert.Contains("临夏县耕地资源一本账统计报表(2024年)", await session.Page.InnerTextAsync("h1"));
        Assert.True(await session.Page.Locator("svg.chart").CountAsync() >= 1);
        Assert.Equal(2 * townships, await session.Page.Locator("svg.chart").First.Locator("rect.bar").CountAsync());
        Assert.Equal(8, await session.Page.Locator("section.table").CountAsync());
        // The 2023→2024 comparison was not run in this fixture: the page says so instead of showing flows.
        Assert.Contains("年度对比", await session.Page.InnerTextAsync("p.missing"));
        await session.ScreenshotAsync("ledger-report");
        await session.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.Equal("page", await session.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('section.table')).breakBefore"));
        await session.ScreenshotAsync("ledger-report-print");
        session.AssertNoErrors();
    }

    [Fact]
    public async Task WorkbookHasTheBureauSheetsAndTheTotalsInSquareMetresMuAndWanMu()
    {
        var cultivated = await fixture.ScalarAsync<decimal>("SELECT sum(tbmj) FROM dltb WHERE year = 2024 AND dlbm IN ('0101', '0102', '0103')");
        using var response = await fixture.Http.GetAsync(ReportPath + "&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
            Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
            Assert.Equal(9, zip.Entries.Count(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)));
        }
        using var stream = new MemoryStream(bytes);
        Assert.Equal(["说明", "总账", "流入", "流出", "专项", "平衡核算", "占补平衡", "进出平衡", "考核"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var first = (IDictionary<string, object?>)MiniExcel.Query(stream, useHeaderRow: true, sheetName: "总账").First();
        Assert.Equal("622921000000", Convert.ToString(first["单位代码"], CultureInfo.InvariantCulture));
        Assert.Equal(cultivated, Convert.ToDecimal(first["耕地(m²)"], CultureInfo.InvariantCulture));
        Assert.Equal(AreaUnits.Mu(cultivated), Convert.ToDecimal(first["耕地(亩)"], CultureInfo.InvariantCulture));
        Assert.Equal(AreaUnits.WanMu(cultivated), Convert.ToDecimal(first["耕地(万亩)"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TargetsImportIsAllOrNothingAndFeedsTheAssessment()
    {
        var township = await fixture.ScalarAsync<string>("SELECT min(code) FROM admin_unit WHERE year = 2024 AND level = 4");
        var bad = $"unit_code,year,cultivated_target_mu,pbf_target_mu\n{township},2024,1,1\n{township[..9]}9,2024,x,1\n";
        using (var refused = await fixture.Http.PostAsync("/api/ledger/targets?name=targets.csv", new StringContent(bad, Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("targets.csv, row 3, field cultivated_target_mu: 'x' is not a non-negative number", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(0L, await fixture.ScalarAsync<long>($"SELECT count(*) FROM protection_target WHERE unit_code = '{township}'"));

        // A target far above the township's cultivated land: the item scores 0; another township with no target leaves the item out.
        var good = $"unit_code,year,cultivated_target_wanmu\n{township},2024,9999\n";
        using (var accepted = await fixture.Http.PostAsync("/api/ledger/targets?name=targets.csv", new StringContent(good, Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        Assert.Equal(AreaUnits.FromWanMu(9999m), await fixture.ScalarAsync<decimal>($"SELECT cultivated_target_m2 FROM protection_target WHERE unit_code = '{township}' AND year = 2024"));
        using var assessment = System.Text.Json.JsonDocument.Parse(await fixture.Http.GetStringAsync("/api/ledger/assessment?unit=622921&year=2024"));
        var scores = assessment.RootElement.EnumerateArray().ToList();
        var mine = scores.Single(s => s.GetProperty("input").GetProperty("unitCode").GetString() == township);
        Assert.Equal(0m, mine.GetProperty("items")[0].GetProperty("earned").GetDecimal());
        Assert.Equal("未下达目标", scores.First(s => s.GetProperty("input").GetProperty("unitCode").GetString() != township).GetProperty("items")[0].GetProperty("note").GetString());
    }
}
