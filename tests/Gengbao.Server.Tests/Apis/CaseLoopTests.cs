using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gengbao.Cases;
using Gengbao.Server.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Gengbao.Server.Tests.Apis;

/// <summary>
/// The case loop's second part against real PostGIS (docs/cases.md): patch files written by GDAL's ogr2ogr (GeoPackage
/// and Shapefile), clues screened at their point, re-colouring after a screening run, the escalation scheduler and its
/// notices, the published spot checks and the upload limit.
/// </summary>
public sealed class CaseLoopTests(CaseLoopFixture server) : IClassFixture<CaseLoopFixture>, IDisposable
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF evidence photo"u8];
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("gengbao-case-loop-");

    public void Dispose() => _work.Delete(recursive: true);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static async Task<string> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, params string[] messages)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        foreach (var message in messages)
        {
            Assert.Contains(message, text, StringComparison.Ordinal);
        }
        return text;
    }

    private Task<long> CaseOfAsync(string kind, string number) =>
        server.CountAsync("SELECT case_id FROM case_source WHERE kind = $1 AND external_number = $2", kind, number);

    private Task<long> RowsAsync() => server.CountAsync(
        "SELECT (SELECT count(*) FROM problem_case) + (SELECT count(*) FROM case_source) + (SELECT count(*) FROM case_task) + (SELECT count(*) FROM case_event)");

    /// <summary>A small polygon (about 20 m across) inside a stored polygon chosen by <paramref name="where"/>, 60 m from every case, as GeoJSON.</summary>
    private async Task<string> PolygonInsideAsync(string table, string where, int skip = 0) => await server.ScalarAsync($"""
        SELECT ST_AsGeoJSON(ST_Intersection(ST_Buffer(ST_PointOnSurface(t.geom_4490), 0.0001, 8), t.geom_4490), 9)
        FROM {table} t WHERE {where}
          AND NOT EXISTS (SELECT 1 FROM problem_case c WHERE ST_DWithin(c.geom_4490::geography, ST_PointOnSurface(t.geom_4490)::geography, 60))
          AND ST_Area(t.geom_4490::geography) > 5000
        ORDER BY t.fid OFFSET {skip} LIMIT 1
        """);

    private const string UnapprovedFarmland = """
        t.dlbm IN ('0101', '0102', '0103')
        AND NOT EXISTS (SELECT 1 FROM pzyd p WHERE ST_DWithin(p.geom_4490::geography, t.geom_4490::geography, 30))
        """;

    /// <summary>A yellow, still verifying issued case none of the other tests use.</summary>
    private async Task<(long CaseId, string Jcbh)> WaitingIssuedCaseAsync(int skip)
    {
        var jcbh = await server.ScalarAsync($"""
            SELECT s.external_number FROM case_source s JOIN problem_case c ON c.id = s.case_id
            WHERE s.kind = 'issued' AND c.state = 'verifying' AND s.external_number NOT IN ($1, $2)
              AND (SELECT count(*) FROM case_source a WHERE a.case_id = c.id) = 1
            ORDER BY s.external_number OFFSET {skip} LIMIT 1
            """, server.GroupJcbh, server.VillageJcbh);
        return (await CaseOfAsync("issued", jcbh), jcbh);
    }

    private static string Feature(string jcbh, string geometryJson) =>
        $$"""{"type":"Feature","properties":{"JCBH":"{{jcbh}}","LY":"本级监测"},"geometry":{{geometryJson}}}""";

    /// <summary>Writes the features with GDAL's ogr2ogr as <paramref name="driver"/> in CRS <paramref name="srs"/> and returns the file (a Shapefile zipped).</summary>
    private string Write(string name, string driver, string srs, string layer, params string[] features)
    {
        var geojson = Path.Combine(_work.FullName, name + ".geojson");
        File.WriteAllText(geojson, $$"""{"type":"FeatureCollection","features":[{{string.Join(',', features)}}]}""", Encoding.UTF8);
        var shapefile = driver == "ESRI Shapefile";
        var target = Path.Combine(_work.FullName, shapefile ? name : name + ".gpkg");
        var info = new ProcessStartInfo("ogr2ogr") { RedirectStandardError = true, UseShellExecute = false };
        string[] options = shapefile ? ["-lco", "ENCODING=UTF-8"] : [];
        foreach (var argument in (string[])["-f", driver, target, geojson, "-nln", layer, "-a_srs", srs, .. options])
        {
            info.ArgumentList.Add(argument);
        }
        using (var process = Process.Start(info)!)
        {
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, errors);
        }
        if (!shapefile)
        {
            return target;
        }
        var zip = target + ".zip";
        ZipFile.CreateFromDirectory(target, zip);
        return zip;
    }

    private async Task<HttpResponseMessage> UploadAsync(string user, string path, string source = "monitoring")
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(path)), "file", Path.GetFileName(path) } };
        return await (await server.As(user)).PostAsync($"/api/cases/import?source={source}", form);
    }

    [Fact]
    public async Task A_GeoPackage_of_patches_is_screened_green_or_yellow_merged_by_overlap_and_taken_in_once()
    {
        var farmland = await PolygonInsideAsync("dltb", UnapprovedFarmland);
        var approved = await PolygonInsideAsync("pzyd", "true");
        var (openCase, openJcbh) = await WaitingIssuedCaseAsync(0);
        var openPatch = await server.ScalarAsync("SELECT ST_AsGeoJSON(geom_4490, 9) FROM bhtb WHERE jcbh = $1", openJcbh);
        var file = Write("jctb", "GPKG", "EPSG:4490", "JCTB_2026",
            Feature("JC2026-001", farmland), Feature("JC2026-002", approved), Feature("JC2026-003", openPatch));

        var imported = await OkAsync(await UploadAsync("bureau", file));
        Assert.Equal("JCTB_2026", imported.GetProperty("layer").GetString());
        var results = imported.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["created", "created", "merged"], results.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(["verifying", "closed_legal", "verifying"], results.Select(r => r.GetProperty("state").GetString()));

        // Yellow: exactly one verification task; green: closed by the system with no task and no person.
        var yellow = await CaseOfAsync("monitoring", "JC2026-001");
        Assert.Equal(1, await server.CountAsync("SELECT count(*) FROM case_task WHERE case_id = $1 AND kind = 'verification' AND state = 'open'", yellow));
        Assert.Equal("yellow", await server.ScalarAsync("SELECT screening_class FROM case_source WHERE kind = 'monitoring' AND external_number = 'JC2026-001'"));
        var green = await CaseOfAsync("monitoring", "JC2026-002");
        Assert.Equal("green closed_legal", await server.ScalarAsync("SELECT code || ' ' || state FROM problem_case WHERE id = $1", green));
        Assert.Equal(0, await server.CountAsync("SELECT count(*) FROM case_task WHERE case_id = $1", green));
        Assert.Equal(0, await server.CountAsync("SELECT count(*) FROM case_event WHERE case_id = $1 AND actor <> 'system'", green));
        // The third lies on an open case: merged into it, both sources kept, still one task.
        Assert.Equal(openCase, await CaseOfAsync("monitoring", "JC2026-003"));
        Assert.Equal(["issued", "monitoring"], (await server.ScalarAsync(
            "SELECT string_agg(kind, ',' ORDER BY kind) FROM case_source WHERE case_id = $1", openCase)).Split(','));
        Assert.Equal(1, await server.CountAsync("SELECT count(*) FROM case_task WHERE case_id = $1", openCase));

        // Again: every patch is known, nothing new.
        var rows = await RowsAsync();
        var again = await OkAsync(await UploadAsync("bureau", file));
        Assert.All(again.GetProperty("results").EnumerateArray(), r => Assert.Equal("known", r.GetProperty("outcome").GetString()));
        Assert.Equal(rows, await RowsAsync());
        // Only administrators import.
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync("manager", file)).StatusCode);
    }

    [Fact]
    public async Task A_bad_patch_file_names_file_layer_feature_and_field_and_writes_nothing()
    {
        var farmland = await PolygonInsideAsync("dltb", UnapprovedFarmland, 3);
        var rows = await RowsAsync();
        var missing = Write("missing", "GPKG", "EPSG:4490", "BHTB", Feature("JC-BAD-1", farmland), Feature("", farmland));
        await RefusedAsync(await UploadAsync("bureau", missing), HttpStatusCode.BadRequest,
            "missing.gpkg: layer BHTB: feature 2", "field JCBH", "nothing was imported");
        var bowTie = """{"type":"Polygon","coordinates":[[[103.10,35.50],[103.11,35.51],[103.11,35.50],[103.10,35.51],[103.10,35.50]]]}""";
        var invalid = Write("invalid", "GPKG", "EPSG:4490", "BHTB", Feature("JC-BAD-2", farmland), Feature("JC-BAD-3", bowTie));
        await RefusedAsync(await UploadAsync("bureau", invalid), HttpStatusCode.BadRequest, "invalid.gpkg: layer BHTB: feature 2 (JCBH JC-BAD-3)");
        var foreign = Write("foreign", "GPKG", "EPSG:4326", "BHTB", Feature("JC-BAD-4", farmland));
        await RefusedAsync(await UploadAsync("bureau", foreign), HttpStatusCode.BadRequest, "foreign.gpkg: layer BHTB", "unsupported coordinate reference system");
        var noJcbh = Write("nojcbh", "GPKG", "EPSG:4490", "BHTB", $$"""{"type":"Feature","properties":{"BH":"1"},"geometry":{{farmland}}}""");
        await RefusedAsync(await UploadAsync("bureau", noJcbh), HttpStatusCode.BadRequest, "nojcbh.gpkg: layer BHTB", "JCBH");
        await RefusedAsync(await UploadAsync("bureau", missing, "patrol"), HttpStatusCode.BadRequest, "source must be issued or monitoring");
        Assert.Equal(rows, await RowsAsync());
        Assert.Equal(0, await server.CountAsync("SELECT count(*) FROM case_source WHERE external_number LIKE 'JC-BAD-%'"));
    }

    [Fact]
    public async Task A_zipped_Shapefile_of_issued_patches_is_taken_in()
    {
        var farmland = await PolygonInsideAsync("dltb", UnapprovedFarmland, 6);
        var approved = await PolygonInsideAsync("pzyd", "true", 2);
        var zip = Write("xf", "ESRI Shapefile", "EPSG:4490", "XF_BHTB", Feature("XF-0001", farmland), Feature("XF-0002", approved));
        var imported = await OkAsync(await UploadAsync("admin", zip, "issued"));
        Assert.Equal(["verifying", "closed_legal"], imported.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("state").GetString()));
        Assert.Equal(1, await server.CountAsync("SELECT count(*) FROM case_task WHERE case_id = $1", await CaseOfAsync("issued", "XF-0001")));
        Assert.Equal(0, await server.CountAsync("SELECT count(*) FROM case_task WHERE case_id = $1", await CaseOfAsync("issued", "XF-0002")));
    }

    private static MultipartFormDataContent Clue(double lon, double lat, string description, params (string Name, byte[] Content)[] photos)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(lon.ToString("R", CultureInfo.InvariantCulture)), "lon" },
            { new StringContent(lat.ToString("R", CultureInfo.InvariantCulture)), "lat" },
            { new StringContent(description), "description" },
        };
        foreach (var (name, content) in photos)
        {
            form.Add(new ByteArrayContent(content), "photos", name);
        }
        return form;
    }

    private async Task<(double Lon, double Lat)> PointOnAsync(string where, int skip)
    {
        var text = await server.ScalarAsync($"""
            SELECT ST_X(p) || ' ' || ST_Y(p) FROM (SELECT ST_PointOnSurface(t.geom_4490) AS p, t.fid FROM dltb t WHERE {where}
                AND ST_Area(t.geom_4490::geography) > 5000) q
            WHERE NOT EXISTS (SELECT 1 FROM problem_case c WHERE ST_DWithin(c.geom_4490::geography, q.p::geography, 60))
            ORDER BY q.fid OFFSET {skip} LIMIT 1
            """);
        var parts = text.Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_clue_on_unapproved_farmland_is_screened_yellow_with_one_task_and_one_outside_the_prefecture_stores_nothing()
    {
        var (lon, lat) = await PointOnAsync(UnapprovedFarmland, 9);
        using var anonymous = server.Anonymous();
        var created = await OkAsync(await anonymous.PostAsync("/api/public/clues", Clue(lon, lat, "耕地上在挖塘")), HttpStatusCode.Created);
        var caseId = await CaseOfAsync("public", created.GetProperty("trackingNumber").GetString()!);
        Assert.Equal("yellow verifying", await server.ScalarAsync("SELECT code || ' ' || state FROM problem_case WHERE id = $1", caseId));
        Assert.Equal(1, await server.CountAsync("SELECT count(*) FROM case_task WHERE case_id = $1 AND kind = 'verification'", caseId));
        // The stored layers were read at the point: cultivated land, no approval.
        Assert.Equal("yellow", await server.ScalarAsync("SELECT detail->'screening'->>'class' FROM case_source WHERE case_id = $1", caseId));
        Assert.True(double.Parse(await server.ScalarAsync("SELECT detail->'screening'->>'cultivatedM2' FROM case_source WHERE case_id = $1", caseId),
            CultureInfo.InvariantCulture) > 0);
        Assert.Equal("0", await server.ScalarAsync("SELECT detail->'screening'->>'approvedM2' FROM case_source WHERE case_id = $1", caseId));
        Assert.Contains("筛查", await server.ScalarAsync("SELECT reason FROM problem_case WHERE id = $1", caseId), StringComparison.Ordinal);

        var rows = await RowsAsync();
        var clues = await server.CountAsync("SELECT count(*) FROM public_clue");
        await RefusedAsync(await anonymous.PostAsync("/api/public/clues", Clue(116.4, 39.9, "北京某地", ("p.jpg", Jpeg))), HttpStatusCode.BadRequest, "outside the prefecture");
        Assert.Equal(rows, await RowsAsync());
        Assert.Equal(clues, await server.CountAsync("SELECT count(*) FROM public_clue"));
    }

    [Fact]
    public async Task Five_photos_of_10_MB_fit_and_a_larger_upload_is_refused_with_nothing_written()
    {
        var (lon, lat) = await PointOnAsync(UnapprovedFarmland, 12);
        using var anonymous = server.Anonymous();
        var photo = new byte[10 * 1024 * 1024];
        Jpeg.CopyTo(photo, 0);
        var created = await OkAsync(await anonymous.PostAsync("/api/public/clues",
            Clue(lon, lat, "五张照片", [.. Enumerable.Range(1, 5).Select(i => ($"{i}.jpg", photo))])), HttpStatusCode.Created);
        var caseId = await CaseOfAsync("public", created.GetProperty("trackingNumber").GetString()!);
        Assert.Equal(5, await server.CountAsync("SELECT count(*) FROM case_attachment WHERE case_id = $1 AND length(content) = $2", caseId, (long)photo.Length));

        var rows = await RowsAsync();
        var clues = await server.CountAsync("SELECT count(*) FROM public_clue");
        var attachments = await server.CountAsync("SELECT count(*) FROM case_attachment");
        byte[] fifty = [.. Jpeg, .. new byte[50 * 1024 * 1024]];
        await RefusedAsync(await anonymous.PostAsync("/api/public/clues", Clue(lon + 0.001, lat, "50 MB", ("big.jpg", fifty))),
            HttpStatusCode.RequestEntityTooLarge, "at most 10 MB per file");
        byte[] sixty = [.. Jpeg, .. new byte[60 * 1024 * 1024]];
        await RefusedAsync(await anonymous.PostAsync("/api/public/clues", Clue(lon + 0.001, lat, "60 MB", ("huge.jpg", sixty))),
            HttpStatusCode.RequestEntityTooLarge, "at most 51 MB in all");
        Assert.Equal(rows, await RowsAsync());
        Assert.Equal(clues, await server.CountAsync("SELECT count(*) FROM public_clue"));
        Assert.Equal(attachments, await server.CountAsync("SELECT count(*) FROM case_attachment"));
    }

    [Fact]
    public async Task A_screening_run_turning_waiting_patches_green_closes_their_cases_naming_the_run_and_never_touches_red_ones()
    {
        var (waiting, waitingJcbh) = await WaitingIssuedCaseAsync(5);
        var (red, redJcbh) = await WaitingIssuedCaseAsync(6);
        // The red one: judged illegal by the system admin on site (a field check, photo attached).
        var verify = new MultipartFormDataContent { { new StringContent("illegal_non_agricultural"), "judgement" }, { new StringContent("建房"), "notes" } };
        verify.Add(new ByteArrayContent(Jpeg), "photos", "site.jpg");
        await OkAsync(await (await server.As("admin")).PostAsync($"/api/cases/{red}/verification", verify));
        Assert.Equal("red dispatched", await server.ScalarAsync("SELECT code || ' ' || state FROM problem_case WHERE id = $1", red));

        // A later run of the platform stores green results for both patches (new approvals came in).
        var run = await server.CountAsync("""
            INSERT INTO screening_run (county_code, year, status, trigger, reason, finished_at) VALUES ('622921', 2024, 'done', 'manual', 'test: approvals re-imported', now())
            RETURNING id
            """);
        await server.ScalarAsync("UPDATE screening_result SET class = 'green', run_id = $1, reason = '已批准（测试）' WHERE county_code = '622921' AND year = 2024 AND jcbh IN ($2, $3)",
            run, waitingJcbh, redJcbh);
        var bureau = await server.As("bureau");
        var intake = await OkAsync(await bureau.PostAsync("/api/cases/intake/screening?countyCode=622921&year=2024", null));
        Assert.Equal(1, intake.GetProperty("recoloured").GetInt32());

        var detail = await OkAsync(await bureau.GetAsync($"/api/cases/{waiting}"));
        Assert.Equal("closed_legal", detail.GetProperty("case").GetProperty("state").GetString());
        Assert.Equal("green", detail.GetProperty("case").GetProperty("code").GetString());
        var pass = detail.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("auto_pass", pass.GetProperty("action").GetString());
        Assert.Equal("system", pass.GetProperty("actor").GetString());
        Assert.Contains($"screening run {run}", pass.GetProperty("notes").GetString(), StringComparison.Ordinal);
        Assert.All(detail.GetProperty("tasks").EnumerateArray(), t => Assert.Equal("done", t.GetProperty("state").GetString()));
        Assert.Equal("red dispatched", await server.ScalarAsync("SELECT code || ' ' || state FROM problem_case WHERE id = $1", red));

        var events = await server.CountAsync("SELECT count(*) FROM case_event");
        var again = await OkAsync(await bureau.PostAsync("/api/cases/intake/screening?countyCode=622921&year=2024", null));
        Assert.Equal(0, again.GetProperty("recoloured").GetInt32());
        Assert.Equal(events, await server.CountAsync("SELECT count(*) FROM case_event"));
    }

    [Fact]
    public async Task Missed_deadlines_escalate_by_themselves_once_with_a_notice_for_the_supervisor()
    {
        var villageCase = await CaseOfAsync("issued", server.VillageJcbh);
        var scheduler = server.Services.GetRequiredService<CaseEscalationScheduler>();
        var bureau = await server.As("bureau");
        server.Clock.Advance(TimeSpan.FromDays(8));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement notice;
        while (true)
        {
            var notices = await OkAsync(await bureau.GetAsync("/api/cases/escalations/notices"));
            var found = notices.EnumerateArray().Where(n => n.GetProperty("caseId").GetInt64() == villageCase).ToList();
            if (found.Count > 0)
            {
                notice = Assert.Single(found);
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "the scheduler did not escalate the missed deadline within a minute");
            await Task.Delay(200);
        }
        Assert.Equal(server.VillageCell[..9] + "000", notice.GetProperty("escalatedTo").GetString());
        Assert.Equal(server.VillageCell, notice.GetProperty("cellCode").GetString());
        Assert.Contains("已超过期限", notice.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(server.VillageCell[..9] + "000", await server.ScalarAsync("SELECT escalated_to FROM case_task WHERE case_id = $1", villageCase));

        // Further runs (and a manual escalation) leave it alone: one notice per task.
        var runs = scheduler.Runs;
        while (scheduler.Runs < runs + 2)
        {
            Assert.True(DateTime.UtcNow < deadline.AddSeconds(30), "the scheduler stopped running");
            await Task.Delay(200);
        }
        var manual = await OkAsync(await bureau.PostAsync("/api/cases/escalations", null));
        Assert.DoesNotContain(manual.EnumerateArray(), t => t.GetProperty("caseId").GetInt64() == villageCase);
        Assert.Equal(1, await server.CountAsync("SELECT count(*) FROM case_escalation_notice WHERE case_id = $1", villageCase));
        // The field manager of another village does not see it.
        var other = await OkAsync(await (await server.As("other-manager")).GetAsync("/api/cases/escalations/notices"));
        Assert.DoesNotContain(other.EnumerateArray(), n => n.GetProperty("caseId").GetInt64() == villageCase);
    }

    [Fact]
    public async Task Spot_checks_are_published_without_sign_in_and_anyone_can_redraw_them_from_the_seed()
    {
        const string seed = "2026-06-10 临夏县 公开抽查";
        var bureau = await server.As("bureau");
        var check = await OkAsync(await bureau.PostAsJsonAsync("/api/cases/spotchecks",
            new { countyCode = "622921", count = 3, seed, inspectors = new[] { "王检查", "赵检查" } }), HttpStatusCode.Created);
        var id = check.GetProperty("id").GetInt64();
        await OkAsync(await bureau.PostAsJsonAsync($"/api/cases/spotchecks/{id}/picks/2/result", new { result = "合格" }));

        using var anonymous = server.Anonymous();
        using var response = await anonymous.GetAsync("/api/public/spotchecks?county=622921");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var published = JsonDocument.Parse(text).RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == id);
        Assert.Equal(seed, published.GetProperty("seed").GetString());
        var candidates = published.GetProperty("candidateIds").EnumerateArray().Select(c => c.GetInt64().ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(candidates.Count, published.GetProperty("candidateCount").GetInt32());
        Assert.Equal(2, published.GetProperty("inspectorCount").GetInt32());
        var picks = published.GetProperty("picks").EnumerateArray().ToList();
        // Re-drawn by anyone from the published seed and candidates: the same cases in the same order.
        Assert.Equal(SpotCheckDraw.Draw(seed, candidates, published.GetProperty("requested").GetInt32()),
            picks.Select(p => p.GetProperty("caseId").GetInt64().ToString(CultureInfo.InvariantCulture)));
        Assert.Equal([null, "合格", null], picks.Select(p => p.GetProperty("result").GetString()));
        Assert.All(picks, p => Assert.Equal(SpotCheckDraw.Score(seed, p.GetProperty("caseId").GetInt64().ToString(CultureInfo.InvariantCulture)),
            p.GetProperty("score").GetString()));
        // No person: neither the inspectors nor who drew it.
        Assert.DoesNotContain("检查", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bureau", text, StringComparison.Ordinal);
        Assert.DoesNotContain("inspectors", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/public/spotchecks?county=62x")).StatusCode);
    }
}
