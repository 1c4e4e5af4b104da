using Gengbao.TestSupport;
using Microsoft.Playwright;

namespace Gengbao.Web.Tests;

/// <summary>
/// 管理控制台 › 数据导入: an admin uploads a GeoPackage, watches the upload and import progress bars reach the end and
/// reads the features imported per layer; a bad file shows its problems by file, layer, feature and field, and
/// nothing of it is written.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ImportPageTests(WebFixture fixture)
{
    /// <summary>A year no other test reads, removed again at the end, so the sample county's 2023 and 2024 stay as they are.</summary>
    private const int Year = 2019;

    [Fact]
    public async Task Admin_uploads_a_geopackage_sees_progress_and_counts_and_a_bad_file_shows_its_problems()
    {
        var folder = Directory.CreateTempSubdirectory("gengbao-import-page-");
        try
        {
            var good = Path.Combine(folder.FullName, "临夏县_2019.gpkg");
            Gdal.Ogr2Ogr("-f", "GPKG", good, SharedData.SampleGeoPackage, "DLTB", "-where", "fid <= 300");
            Gdal.Ogr2Ogr("-f", "GPKG", "-update", good, SharedData.SampleGeoPackage, "YJJBNT", "-where", "fid <= 120");
            string bad;
            using (var editor = GeoPackageEditor.CopyOf(good, folder.FullName, "坏数据_2019.gpkg"))
            {
                editor.SetValue("DLTB", 7, "DLBM", "XXXX");
                editor.SetGeometry("YJJBNT", 3, "POLYGON ((34500000 4000000, 34500100 4000100, 34500100 4000000, 34500000 4000100, 34500000 4000000))", 4522);
                bad = editor.Path;
            }

            await using var session = await PageSession.OpenAsync(fixture, 1366);
            var page = session.Page;
            await session.GotoAndWaitReadyAsync("/admin.html");
            await page.ClickAsync(".tabs button[data-tab='imports']");
            await page.WaitForFunctionAsync("() => (window.__gengbao.importsLoaded ?? 0) > 0");
            Assert.True(await page.IsVisibleAsync("#import-form"));

            // A good file: the upload bar and then the job's bar reach the end; the counts per layer are those stored.
            await ImportAsync(session, good);
            var jobId = await session.EvalAsync<long>("() => window.__gengbao.importJob.id");
            Assert.Equal("done", await session.EvalAsync<string>("() => window.__gengbao.importJob.status"));
            Assert.Equal(100, await page.EvalOnSelectorAsync<int>("#import-upload-bar", "e => e.value"));
            Assert.Equal(100, await page.EvalOnSelectorAsync<int>("#import-job-bar", "e => e.value"));
            Assert.StartsWith("导入成功：临夏县_2019.gpkg，2 个图层版本，共 420 个要素", await page.InnerTextAsync("#import-result"));
            var counts = await Cells(page, "#import-counts tbody tr");
            Assert.Contains(counts, r => r[0] == "地类图斑（DLTB）" && r[2] == "622921" && r[3] == "2019" && r[4] == "300");
            Assert.Contains(counts, r => r[0] == "永久基本农田（YJJBNT）" && r[4] == "120");
            Assert.Equal(300, await fixture.ScalarAsync<long>($"SELECT count(*) FROM dltb WHERE year = {Year}"));
            Assert.Equal(120, await fixture.ScalarAsync<long>($"SELECT count(*) FROM yjjbnt WHERE year = {Year}"));
            await page.Locator($"#import-rows tr[data-job-id='{jobId}'][data-status='done']").WaitForAsync();
            await session.ScreenshotAsync("admin-import-done");

            // A bad file: refused whole, its problems in a table by file, layer, feature and field.
            await ImportAsync(session, bad);
            Assert.Equal("failed", await session.EvalAsync<string>("() => window.__gengbao.importJob.status"));
            Assert.StartsWith("未导入：坏数据_2019.gpkg", await page.InnerTextAsync("#import-result"));
            Assert.False(await page.IsVisibleAsync("#import-counts"));
            Assert.Equal(["文件", "图层", "要素", "字段", "问题"], await page.Locator("#import-problems thead th").AllInnerTextsAsync());
            var problems = await Cells(page, "#import-problems tbody tr");
            Assert.Contains(problems, r => r[0] == "坏数据_2019.gpkg" && r[1] == "DLTB" && r[2].StartsWith('7') && r[3] == "DLBM" && r[4].Contains("XXXX", StringComparison.Ordinal));
            Assert.Contains(problems, r => r[1] == "YJJBNT" && r[2].StartsWith('3'));
            Assert.Equal(300, await fixture.ScalarAsync<long>($"SELECT count(*) FROM dltb WHERE year = {Year}"));
            var failedId = await session.EvalAsync<long>("() => window.__gengbao.importJob.id");
            await page.Locator($"#import-rows tr[data-job-id='{failedId}'][data-status='failed']").WaitForAsync();
            await session.ScreenshotAsync("admin-import-failed");
            session.AssertNoErrors();
        }
        finally
        {
            folder.Delete(recursive: true);
            await fixture.ScalarAsync<object?>($"""
                WITH d AS (DELETE FROM dltb WHERE year = {Year}), y AS (DELETE FROM yjjbnt WHERE year = {Year})
                SELECT NULL
                """);
            await fixture.ScalarAsync<object?>($"DELETE FROM layer_version WHERE year = {Year} AND layer IN ('DLTB', 'YJJBNT') RETURNING NULL");
        }
    }

    [Fact]
    public async Task Kestrel_takes_an_upload_above_the_30_MB_server_default_on_the_import_endpoint_only()
    {
        // 40 MB of GeoJSON (a document padded with spaces): above Kestrel's 30 MB default, below Gengbao:Imports:MaxBytes.
        var body = new byte[40 * 1024 * 1024];
        Array.Fill(body, (byte)' ');
        body[0] = (byte)'{';
        var tail = "\"type\":\"FeatureCollection\",\"features\":[]}"u8;
        tail.CopyTo(body.AsSpan(body.Length - tail.Length));
        using (var content = new ByteArrayContent(body))
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            using var accepted = await fixture.Http.PostAsync("/api/onemap/imports?fileName=padded.geojson", content);
            Assert.True(accepted.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
            using var job = System.Text.Json.JsonDocument.Parse(await accepted.Content.ReadAsStringAsync());
            Assert.Equal(body.LongLength, job.RootElement.GetProperty("fileBytes").GetInt64());
            var id = job.RootElement.GetProperty("id").GetInt64();
            // Not a layer the one map knows: the job fails, saying so, and the worker is idle again for the other tests.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            string status;
            do
            {
                await Task.Delay(200);
                status = await fixture.ScalarAsync<string>($"SELECT status FROM onemap_import_job WHERE id = {id}");
            }
            while (status is "queued" or "running" && DateTime.UtcNow < deadline);
            Assert.Equal("failed", status);
            Assert.Contains("no layer of a known type", await fixture.ScalarAsync<string>($"SELECT problems::text FROM onemap_import_job WHERE id = {id}"));
        }
        // Every other upload keeps the server's default: the same body to the roster import is refused.
        using (var roster = new ByteArrayContent(body))
        {
            roster.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            HttpResponseMessage? refused = null;
            try
            {
                refused = await fixture.Http.PostAsync("/api/patrol/roster?fileName=big.csv", roster);
                Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
            }
            catch (HttpRequestException)
            {
                // Kestrel may close the connection on a body over the limit before the client has sent it all.
            }
            finally
            {
                refused?.Dispose();
            }
        }
    }

    private static async Task ImportAsync(PageSession session, string path)
    {
        var done = await session.EvalAsync<int>("() => window.__gengbao.importsDone ?? 0");
        await session.Page.SetInputFilesAsync("#import-file", path);
        await session.Page.FillAsync("#import-year", Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await session.Page.ClickAsync("#import-submit");
        await session.Page.WaitForFunctionAsync($"() => (window.__gengbao.importsDone ?? 0) > {done}", null,
            new PageWaitForFunctionOptions { Timeout = 180_000 });
    }

    private static async Task<string[][]> Cells(IPage page, string rows) =>
        await page.Locator(rows).EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))");
}
