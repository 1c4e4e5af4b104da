using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gengbao.Cases;

namespace Gengbao.Server.Tests.Apis;

/// <summary>The case loop through the API as each role would use it, against real PostGIS (docs/cases.md).</summary>
public sealed class CaseApiTests(CaseApiFixture server) : IClassFixture<CaseApiFixture>
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF evidence photo"u8];
    private static readonly byte[] Pdf = [.. "%PDF-1.4 notice of rectification"u8];

    private Task<long> CaseOfAsync(string kind, string number) =>
        server.CountAsync("SELECT case_id FROM case_source WHERE kind = $1 AND external_number = $2", kind, number);

    private Task<long> EventsAsync(long caseId) => server.CountAsync("SELECT count(*) FROM case_event WHERE case_id = $1", caseId);

    private static MultipartFormDataContent Form(IEnumerable<(string Name, string Value)> fields, string filesField = "photos", params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), filesField, name);
        }
        return form;
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Contains(message, text, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> StepAsync(string user, long caseId, string action, string notes = "", params (string, byte[])[] files) =>
        await (await server.As(user)).PostAsync($"/api/cases/{caseId}/transitions", Form([("action", action), ("notes", notes)], "files", files));

    [Fact]
    public async Task Screening_green_passes_without_a_person_and_every_yellow_has_exactly_one_task_for_the_right_manager()
    {
        Assert.Equal(500, await server.CountAsync("SELECT count(*) FROM case_source WHERE kind = 'issued'"));
        // Green: closed as legal by the system alone, no task, no person in its history.
        var green = await server.CountAsync("SELECT count(*) FROM screening_result WHERE county_code = '622921' AND class = 'green'");
        Assert.True(green > 0);
        Assert.Equal(0, await server.CountAsync("""
            SELECT count(*) FROM problem_case c WHERE EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.action = 'auto_pass')
              AND (c.code <> 'green' OR c.state <> 'closed_legal' OR EXISTS (SELECT 1 FROM case_task t WHERE t.case_id = c.id) OR EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.actor <> 'system'))
            """));
        Assert.True(await server.CountAsync("SELECT count(*) FROM case_event WHERE action = 'auto_pass' AND actor = 'system'") > 0);
        // Yellow: exactly one verification task per open case.
        Assert.Equal("", await server.ScalarAsync("""
            SELECT coalesce(string_agg(c.id || ':' || c.title || ':' || (SELECT count(*) FROM case_task t WHERE t.case_id = c.id), ', '), '')
            FROM problem_case c WHERE c.state = 'verifying'
              AND (SELECT count(*) FROM case_task t WHERE t.case_id = c.id AND t.kind = 'verification') <> 1
            """));
        var groupCase = await CaseOfAsync("issued", server.GroupJcbh);
        Assert.Equal($"{server.GroupCell}|group|{server.GroupManagerId}", await server.ScalarAsync(
            "SELECT cell_code || '|' || cell_basis || '|' || assignee_id FROM case_task WHERE case_id = $1 AND kind = 'verification'", groupCase));
        var villageCase = await CaseOfAsync("issued", server.VillageJcbh);
        Assert.Equal($"{server.VillageCell}|village", await server.ScalarAsync(
            "SELECT cell_code || '|' || cell_basis FROM case_task WHERE case_id = $1 AND kind = 'verification'", villageCase));
        Assert.NotEqual("", await server.ScalarAsync("SELECT assignee_id FROM case_task WHERE case_id = $1", villageCase));

        // Re-screening and taking in again never duplicates cases or tasks.
        var (cases, tasks) = (await server.CountAsync("SELECT count(*) FROM problem_case"), await server.CountAsync("SELECT count(*) FROM case_task"));
        using var again = await (await server.As("bureau")).PostAsync("/api/cases/intake/screening?countyCode=622921&year=2024", null);
        Assert.Equal(0, (await OkAsync(again)).GetProperty("created").GetInt32());
        Assert.Equal(cases, await server.CountAsync("SELECT count(*) FROM problem_case"));
        Assert.Equal(tasks, await server.CountAsync("SELECT count(*) FROM case_task"));

        // The field manager's task list holds his village's tasks only.
        var mine = await OkAsync(await (await server.As("manager")).GetAsync("/api/cases/tasks/mine"));
        Assert.NotEmpty(mine.EnumerateArray());
        Assert.All(mine.EnumerateArray(), t => Assert.StartsWith(server.GroupVillage, t.GetProperty("cellCode").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(mine.EnumerateArray(), t => t.GetProperty("caseId").GetInt64() == villageCase);
    }

    [Fact]
    public async Task An_issued_patch_walks_from_yellow_to_the_archive_by_the_right_roles_and_refused_steps_write_nothing()
    {
        var id = await CaseOfAsync("issued", server.GroupJcbh);
        var manager = await server.As("manager");
        Assert.Equal(HttpStatusCode.NotFound, (await (await server.As("other-manager")).GetAsync($"/api/cases/{id}")).StatusCode);
        var events = await EventsAsync(id);

        // Wrong role, not an image, no photo, wrong state: refused, nothing written.
        await AssertRefusedAsync(await (await server.As("enforcer")).PostAsync($"/api/cases/{id}/verification",
            Form([("judgement", "illegal_non_agricultural")], "photos", ("a.jpg", Jpeg))), HttpStatusCode.Forbidden, "role enforcement may not 'verify_illegal'");
        await AssertRefusedAsync(await manager.PostAsync($"/api/cases/{id}/verification",
            Form([("judgement", "illegal_non_agricultural")], "photos", ("site.jpg", "<html>not an image</html>"u8.ToArray()))),
            HttpStatusCode.BadRequest, "photos[1] 'site.jpg' is not a JPEG or PNG image (checked by its content, not its name)");
        await AssertRefusedAsync(await manager.PostAsync($"/api/cases/{id}/verification", Form([("judgement", "illegal_non_agricultural")])),
            HttpStatusCode.BadRequest, "at least one evidence photo");
        await AssertRefusedAsync(await StepAsync("bureau", id, "close"), HttpStatusCode.Conflict, "a case in state verifying (待核查) cannot 'close'");
        await AssertRefusedAsync(await (await server.As("leader")).PostAsync($"/api/cases/{id}/transitions", Form([("action", "approve")])),
            HttpStatusCode.Forbidden, "read-only");
        Assert.Equal(events, await EventsAsync(id));
        Assert.Equal(0, await server.CountAsync("SELECT count(*) FROM case_attachment WHERE case_id = $1", id));

        // 核查: illegal → red, dispatched (下发), rectification task at the same group cell.
        var polygon = await server.ScalarAsync("SELECT ST_AsGeoJSON(ST_Buffer(ST_PointOnSurface(geom_4490), 0.0002)) FROM problem_case WHERE id = $1", id);
        var red = await OkAsync(await manager.PostAsync($"/api/cases/{id}/verification", Form(
            [("judgement", "illegal_non_agricultural"), ("notes", "厂房占用耕地"), ("measuredGeometry", polygon)], "photos", ("site.jpg", Jpeg))));
        Assert.Equal("red", red.GetProperty("case").GetProperty("code").GetString());
        Assert.Equal("dispatched", red.GetProperty("case").GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, red.GetProperty("measuredGeometry").ValueKind);
        Assert.Equal($"done|open|{server.GroupCell}", await server.ScalarAsync("""
            SELECT string_agg(state, '|' ORDER BY kind DESC) || '|' || max(cell_code) FILTER (WHERE kind = 'rectification') FROM case_task WHERE case_id = $1
            """, id));

        // The six steps, with a send-back on review, each by its role; wrong ones refused on the way.
        await OkAsync(await StepAsync("manager", id, "submit_evidence", "现场照片", ("notice.pdf", Pdf)));
        await OkAsync(await StepAsync("manager", id, "report", "上报"));
        await AssertRefusedAsync(await StepAsync("manager", id, "approve"), HttpStatusCode.Forbidden, "role field_manager may not 'approve'");
        await OkAsync(await StepAsync("bureau", id, "send_back", "证据不足"));
        await OkAsync(await StepAsync("manager", id, "submit_evidence", "补充举证", ("more.jpg", Jpeg)));
        await OkAsync(await StepAsync("manager", id, "report"));
        await OkAsync(await StepAsync("bureau", id, "approve", "违法事实清楚"));
        await AssertRefusedAsync(await StepAsync("manager", id, "enforce"), HttpStatusCode.Forbidden, "allowed: enforcement, system_admin");
        await AssertRefusedAsync(await StepAsync("enforcer", id, "enforce", "", ("x.exe", "MZ\x90"u8.ToArray())), HttpStatusCode.BadRequest, "is not a JPEG or PNG image or a PDF");
        await OkAsync(await StepAsync("enforcer", id, "enforce", "已拆除复耕"));
        Assert.Equal("done", await server.ScalarAsync("SELECT state FROM case_task WHERE case_id = $1 AND kind = 'rectification'", id));
        await OkAsync(await StepAsync("bureau", id, "close", "结案"));
        var archived = await OkAsync(await StepAsync("bureau", id, "archive"));
        Assert.Equal("archived", archived.GetProperty("case").GetProperty("state").GetString());
        Assert.Matches("^[0-9a-f]{64}$", archived.GetProperty("archive").GetProperty("dossierSha256").GetString()!);
        await AssertRefusedAsync(await StepAsync("admin", id, "close"), HttpStatusCode.Conflict, "no action is possible from this state");

        // History: every step with actor, role and states, in order; append-only.
        var history = archived.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["open", "verify_illegal", "submit_evidence", "report", "send_back", "submit_evidence", "report", "approve", "enforce", "close", "archive"],
            history.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["system", "manager", "manager", "manager", "bureau", "manager", "manager", "bureau", "enforcer", "bureau", "bureau"],
            history.Select(e => e.GetProperty("actor").GetString()));
        Assert.Equal("enforcement", history[8].GetProperty("role").GetString());
        var error = await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => server.ScalarAsync("UPDATE case_event SET notes = 'x' WHERE case_id = $1", id));
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);

        // The dossier: manifest with hashes that match the files, the map and the printable summary.
        using var dossier = await (await server.As("leader")).GetAsync($"/api/cases/{id}/dossier");
        Assert.Equal("application/zip", dossier.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await dossier.Content.ReadAsByteArrayAsync()));
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var files = manifest.RootElement.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(3, files.Count);
        foreach (var file in files)
        {
            using var stream = zip.GetEntry(file.GetProperty("path").GetString()!)!.Open();
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
        }
        using (var reader = new StreamReader(zip.GetEntry("summary.html")!.Open()))
        {
            var html = await reader.ReadToEndAsync();
            Assert.Contains("违法事实清楚", html, StringComparison.Ordinal);
            Assert.Contains("已归档", html, StringComparison.Ordinal);
        }
        using (var reader = new StreamReader(zip.GetEntry("map.svg")!.Open()))
        {
            Assert.Contains("<path", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>A point inside the manager's village, at least 60 m from every change patch.</summary>
    private async Task<(double Lon, double Lat)> QuietPointAsync(int skip)
    {
        var text = await server.ScalarAsync($"""
            SELECT ST_X(p) || ' ' || ST_Y(p) FROM (
                SELECT ST_PointOnSurface(a.geom_4490) AS p, a.code FROM admin_unit a WHERE a.level = 6 AND a.parent_code = $1) q
            WHERE NOT EXISTS (SELECT 1 FROM bhtb b WHERE ST_DWithin(b.geom_4490::geography, q.p::geography, 60))
              AND NOT EXISTS (SELECT 1 FROM problem_case c WHERE ST_DWithin(c.geom_4490::geography, q.p::geography, 60))
            ORDER BY q.code OFFSET {skip} LIMIT 1
            """, server.GroupVillage);
        var parts = text.Split(' ');
        return (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string F(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_public_clue_is_followed_by_its_number_merged_with_a_second_report_and_its_contact_sealed_and_masked()
    {
        var (lon, lat) = await QuietPointAsync(0);
        using var anonymous = server.Anonymous();
        var created = await OkAsync(await anonymous.PostAsync("/api/public/clues", Form(
            [("lon", F(lon)), ("lat", F(lat)), ("description", "有人在耕地上堆土建房"), ("contact", "13912345678")], "photos", ("p.jpg", Jpeg), ("q.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1]))),
            HttpStatusCode.Created);
        var tracking = created.GetProperty("trackingNumber").GetString()!;
        Assert.Matches("^GB[0-9]{8}-[0-9A-Z]{8}$", tracking);
        var status = await OkAsync(await anonymous.GetAsync($"/api/public/clues/{tracking}"));
        Assert.Equal("verifying", status.GetProperty("status").GetString());
        Assert.Equal(["received", "verifying"], status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
        Assert.DoesNotContain("1391234", status.GetRawText(), StringComparison.Ordinal);
        // Sealed at rest.
        Assert.Equal("False", await server.ScalarAsync(
            "SELECT position(convert_to('13912345678', 'UTF8') IN contact_enc) > 0 FROM public_clue WHERE tracking_number = $1", tracking));

        // A second report 3 m away joins the same case, both sources kept.
        var second = await OkAsync(await anonymous.PostAsync("/api/public/clues", Form(
            [("lon", F(lon + 0.00003)), ("lat", F(lat)), ("description", "同一处")])), HttpStatusCode.Created);
        var caseId = await CaseOfAsync("public", tracking);
        Assert.Equal(caseId, await CaseOfAsync("public", second.GetProperty("trackingNumber").GetString()!));
        Assert.Equal(2, await server.CountAsync("SELECT count(*) FROM case_source WHERE case_id = $1", caseId));
        Assert.Equal(1, await server.CountAsync("SELECT count(*) FROM case_task WHERE case_id = $1", caseId));

        // The bureau sees the contact, the field manager sees it masked.
        var bureauView = await OkAsync(await (await server.As("bureau")).GetAsync($"/api/cases/{caseId}"));
        Assert.Contains(bureauView.GetProperty("clueContacts").EnumerateArray(), c => c.GetProperty("contact").GetString() == "13912345678");
        var managerView = await OkAsync(await (await server.As("manager")).GetAsync($"/api/cases/{caseId}"));
        Assert.Contains(managerView.GetProperty("clueContacts").EnumerateArray(), c => c.GetProperty("contact").GetString() == "139****5678");
        Assert.DoesNotContain("13912345678", managerView.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["verify_legal", "verify_illegal"], managerView.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        // Judged legal (temporary land): the clue's status is closed.
        await OkAsync(await (await server.As("manager")).PostAsync($"/api/cases/{caseId}/verification",
            Form([("judgement", "temporary_land"), ("notes", "临时用地，有批文")], "photos", ("site.jpg", Jpeg))));
        var closed = await OkAsync(await anonymous.GetAsync($"/api/public/clues/{tracking}"));
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("已办结", closed.GetProperty("statusLabel").GetString());
        Assert.Equal(["received", "verifying", "closed"], closed.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Bad_public_input_is_refused_clearly_with_nothing_written()
    {
        var (lon, lat) = await QuietPointAsync(1);
        var before = await server.CountAsync("SELECT count(*) FROM public_clue");
        var cases = await server.CountAsync("SELECT count(*) FROM problem_case");
        using var anonymous = server.Anonymous();
        (string, string)[] fields = [("lon", F(lon)), ("lat", F(lat)), ("description", "线索")];
        await AssertRefusedAsync(await anonymous.PostAsync("/api/public/clues", Form(fields, "photos", ("photo.jpg", "GIF89a......"u8.ToArray()))),
            HttpStatusCode.BadRequest, "photos[1] 'photo.jpg' is not a JPEG or PNG image");
        await AssertRefusedAsync(await anonymous.PostAsync("/api/public/clues", Form(fields, "photos", ("big.jpg", [.. Jpeg, .. new byte[50 * 1024 * 1024]]))),
            HttpStatusCode.RequestEntityTooLarge, "at most 10 MB per file");
        await AssertRefusedAsync(await anonymous.PostAsync("/api/public/clues", Form(fields, "photos", ("big.jpg", [.. Jpeg, .. new byte[11 * 1024 * 1024]]))),
            HttpStatusCode.RequestEntityTooLarge, "at most 10 MB per file");
        await AssertRefusedAsync(await anonymous.PostAsync("/api/public/clues", Form(fields, "photos",
            [.. Enumerable.Range(1, 6).Select(i => ($"{i}.jpg", Jpeg))])), HttpStatusCode.BadRequest, "at most 5 files");
        await AssertRefusedAsync(await anonymous.PostAsync("/api/public/clues", Form([("lon", "103.5"), ("lat", "30.1"), ("description", "远方")])),
            HttpStatusCode.BadRequest, "outside the prefecture");
        await AssertRefusedAsync(await anonymous.PostAsync("/api/public/clues", Form([("lon", F(lon)), ("lat", F(lat))])),
            HttpStatusCode.BadRequest, "description is required");
        await AssertRefusedAsync(await anonymous.PostAsJsonAsync("/api/public/clues", new { lon, lat }), HttpStatusCode.BadRequest, "multipart/form-data");
        Assert.Equal(before, await server.CountAsync("SELECT count(*) FROM public_clue"));
        Assert.Equal(cases, await server.CountAsync("SELECT count(*) FROM problem_case"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/public/clues/GB20260610-ZZZZZZZZ")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/public/clues/1%27%20OR%201=1")).StatusCode);
    }

    [Fact]
    public async Task A_patrol_finding_becomes_a_yellow_case_once_and_a_clue_at_its_place_joins_it()
    {
        var (lon, lat) = await QuietPointAsync(2);
        var admin = await server.As("admin");
        using var created = await admin.PostAsJsonAsync("/api/patrol/findings", new
        {
            category = "construction", geometry = new { type = "Point", coordinates = new[] { lon, lat } }, notes = "新建围墙",
        });
        var finding = await OkAsync(created, HttpStatusCode.Created);
        var findingId = finding.GetProperty("id").GetInt64();
        // Reporting the finding took it into the case loop at once; asking again finds the same case.
        var caseId = long.Parse(Assert.Single(created.Headers.GetValues("X-Gengbao-Case")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.NotFound, (await (await server.As("other-manager")).PostAsync($"/api/cases/intake/findings/{findingId}", null)).StatusCode);
        var again = await OkAsync(await (await server.As("manager")).PostAsync($"/api/cases/intake/findings/{findingId}", null));
        Assert.Equal("known", again.GetProperty("outcome").GetString());
        Assert.Equal(caseId, again.GetProperty("caseId").GetInt64());
        Assert.Equal("verifying", again.GetProperty("state").GetString());
        using var anonymous = server.Anonymous();
        await OkAsync(await anonymous.PostAsync("/api/public/clues", Form([("lon", F(lon)), ("lat", F(lat)), ("description", "围墙")])), HttpStatusCode.Created);
        var detail = await OkAsync(await (await server.As("manager")).GetAsync($"/api/cases/{caseId}"));
        Assert.Equal(["patrol", "public"], detail.GetProperty("case").GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), e => e.GetProperty("action").GetString() == "merge_source");
        Assert.Single(detail.GetProperty("tasks").EnumerateArray());
    }

    /// <summary>A small polygon (about 20 m across) inside a stored polygon of <paramref name="table"/> chosen by <paramref name="where"/>, as GeoJSON.</summary>
    private async Task<JsonElement> PolygonInsideAsync(string table, string where)
    {
        var json = await server.ScalarAsync($"""
            SELECT ST_AsGeoJSON(ST_Intersection(ST_Buffer(ST_PointOnSurface(t.geom_4490), 0.0001, 8), t.geom_4490), 8)
            FROM {table} t WHERE {where}
              AND NOT EXISTS (SELECT 1 FROM problem_case c WHERE ST_DWithin(c.geom_4490::geography, ST_PointOnSurface(t.geom_4490)::geography, 60))
              AND ST_Area(t.geom_4490::geography) > 5000
            ORDER BY t.fid LIMIT 1
            """);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    [Fact]
    public async Task A_patrol_polygon_inside_an_approval_is_screened_green_and_one_on_unapproved_farmland_goes_to_a_field_check()
    {
        var admin = await server.As("admin");
        var approved = await PolygonInsideAsync("pzyd", "true");
        using var inside = await admin.PostAsJsonAsync("/api/patrol/findings", new { category = "construction", geometry = approved, notes = "围墙" });
        await OkAsync(inside, HttpStatusCode.Created);
        var greenCase = await OkAsync(await admin.GetAsync($"/api/cases/{Assert.Single(inside.Headers.GetValues("X-Gengbao-Case"))}"));
        Assert.Equal("closed_legal", greenCase.GetProperty("case").GetProperty("state").GetString());
        Assert.Empty(greenCase.GetProperty("tasks").EnumerateArray());

        var farmland = await PolygonInsideAsync("dltb", """
            t.dlbm IN ('0101', '0102', '0103')
            AND NOT EXISTS (SELECT 1 FROM pzyd p WHERE ST_DWithin(p.geom_4490::geography, t.geom_4490::geography, 30))
            """);
        using var outside = await admin.PostAsJsonAsync("/api/patrol/findings", new { category = "construction", geometry = farmland, notes = "新建房屋" });
        await OkAsync(outside, HttpStatusCode.Created);
        var yellowCase = await OkAsync(await admin.GetAsync($"/api/cases/{Assert.Single(outside.Headers.GetValues("X-Gengbao-Case"))}"));
        Assert.Equal("verifying", yellowCase.GetProperty("case").GetProperty("state").GetString());
        Assert.Single(yellowCase.GetProperty("tasks").EnumerateArray());
    }

    [Fact]
    public async Task A_spot_check_can_be_redrawn_from_its_published_seed_and_statistics_add_up()
    {
        var bureau = await server.As("bureau");
        var check = await OkAsync(await bureau.PostAsJsonAsync("/api/cases/spotchecks",
            new { countyCode = "622921", count = 4, seed = "2026-06-10 临夏县 第1次", inspectors = new[] { "张三", "李四" } }), HttpStatusCode.Created);
        var candidates = check.GetProperty("candidateIds").EnumerateArray().Select(c => c.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(candidates.Count >= 4);
        var redrawn = SpotCheckDraw.Draw("2026-06-10 临夏县 第1次", candidates, 4);
        var picks = check.GetProperty("picks").EnumerateArray().ToList();
        Assert.Equal(redrawn, picks.Select(p => p.GetProperty("caseId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2, picks.Select(p => p.GetProperty("inspector").GetString()).Distinct().Count());
        var id = check.GetProperty("id").GetInt64();
        var recorded = await OkAsync(await bureau.PostAsJsonAsync($"/api/cases/spotchecks/{id}/picks/1/result", new { result = "合格" }));
        Assert.Equal("合格", recorded.GetProperty("picks")[0].GetProperty("result").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await server.As("manager")).PostAsJsonAsync("/api/cases/spotchecks",
            new { countyCode = "622921", count = 1, seed = "x", inspectors = new[] { "a" } })).StatusCode);
        await AssertRefusedAsync(await (await server.As("manager")).PostAsJsonAsync($"/api/cases/spotchecks/{id}/picks/1/result", new { result = "不合格" }),
            HttpStatusCode.Forbidden, "only administrators");
        Assert.Equal("合格", await server.ScalarAsync("SELECT result FROM spot_check_pick WHERE spot_check_id = $1 AND rank = 1", id));

        var stats = await OkAsync(await (await server.As("leader")).GetAsync("/api/cases/statistics"));
        Assert.Equal(await server.CountAsync("SELECT count(*) FROM problem_case"), stats.GetProperty("byState").EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.Equal(await server.CountAsync("SELECT count(DISTINCT case_id) FROM case_source WHERE kind = 'issued'"), stats.GetProperty("bySource").GetProperty("issued").GetInt64());
        Assert.Equal(await server.CountAsync("SELECT count(*) FROM problem_case"), stats.GetProperty("byMonth").GetProperty("2026-06").GetInt64());
        var ranking = stats.GetProperty("townshipRanking").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, ranking.Count), ranking.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.True(ranking.Count >= 2);
    }

    [Fact]
    public async Task A_missed_deadline_escalates_once_to_the_level_above()
    {
        var villageCase = await CaseOfAsync("issued", server.VillageJcbh);
        var bureau = await server.As("bureau");
        var before = await OkAsync(await bureau.PostAsync("/api/cases/escalations", null));
        Assert.DoesNotContain(before.EnumerateArray(), t => t.GetProperty("caseId").GetInt64() == villageCase);
        server.Clock.Advance(TimeSpan.FromDays(8));
        var escalated = await OkAsync(await bureau.PostAsync("/api/cases/escalations", null));
        var task = Assert.Single(escalated.EnumerateArray(), t => t.GetProperty("caseId").GetInt64() == villageCase);
        Assert.Equal(server.VillageCell[..9] + "000", task.GetProperty("escalatedTo").GetString());
        var again = await OkAsync(await bureau.PostAsync("/api/cases/escalations", null));
        Assert.DoesNotContain(again.EnumerateArray(), t => t.GetProperty("caseId").GetInt64() == villageCase);
        Assert.Equal(server.VillageCell[..9] + "000", await server.ScalarAsync("SELECT escalated_to FROM case_task WHERE case_id = $1", villageCase));
    }
}
