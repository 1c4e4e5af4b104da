using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Gengbao.Web.Tests;

/// <summary>
/// The field app (田管员巡田, field.html) on a phone: sign in as a village field manager, start a task, record GPS fixes
/// online and offline, lose an upload's answer, reload offline from the service worker, report a finding with a photo
/// offline, reconnect (the finding's answer lost too): the server holds every fix exactly once, in order, and the finding
/// with its photo once.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class FieldAppTests(WebFixture fixture)
{
    /// <summary>A valid 1 × 1 JPEG (no EXIF: the server flags it, never refuses it).</summary>
    private static readonly byte[] Photo = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");

    [Fact]
    public async Task Records_offline_survives_a_reload_and_uploads_every_fix_once()
    {
        await fixture.EnsurePatrolTasksAsync();
        var task = (await fixture.RowsAsync("""
            SELECT t.id, t.cell_code, ST_X(ST_PointOnSurface(a.geom_4490)), ST_Y(ST_PointOnSurface(a.geom_4490))
            FROM patrol_task t JOIN admin_unit a ON a.code = t.cell_code AND a.year = (SELECT max(year) FROM admin_unit)
            WHERE t.cell_level = 5 AND t.state = 'pending' AND t.due_at > now() + interval '1 day'
              AND NOT EXISTS (SELECT 1 FROM track_batch b WHERE b.task_id = t.id)
            ORDER BY t.cell_code DESC LIMIT 1
            """)).Single();
        var (taskId, village, lon0, lat0) = ((long)task[0], (string)task[1], (double)task[2], (double)task[3]);
        var username = $"field-{Guid.NewGuid():N}"[..16];
        var password = await fixture.CreateUserAsync(username, "field_manager", village, "测试田管员");

        await using var session = await PageSession.OpenAsync(fixture, 390, signedIn: false, configure: o =>
        {
            o.Permissions = ["geolocation"];
            o.Geolocation = new Geolocation { Longitude = (float)lon0, Latitude = (float)lat0, Accuracy = 5 };
        });
        var page = session.Page;
        var context = session.Context;

        // Lose the answer to the first batch upload: the server stores it, the app sees a network error and must retry
        // with the same batch id.
        var uploads = new ConcurrentQueue<string>();
        var dropped = 0;
        await context.RouteAsync("**/api/patrol/tracks/*/batches", async route =>
        {
            using var body = JsonDocument.Parse(route.Request.PostData!);
            uploads.Enqueue(body.RootElement.GetProperty("batchId").GetString()!);
            if (Interlocked.Exchange(ref dropped, 1) == 0)
            {
                await route.FetchAsync(); // reaches the server, which stores the batch
                await route.AbortAsync("connectionreset");
                return;
            }
            await route.ContinueAsync();
        });

        // Lose the answer to the first finding report too: the server stores the finding (and its case), the app must
        // retry with the same client id and get that finding back, not a second one.
        var findingPosts = new ConcurrentQueue<string>();
        var findingDropped = 0;
        await context.RouteAsync("**/api/patrol/findings", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }
            using var body = JsonDocument.Parse(route.Request.PostData!);
            findingPosts.Enqueue(body.RootElement.GetProperty("clientId").GetString()!);
            if (Interlocked.Exchange(ref findingDropped, 1) == 0)
            {
                await route.FetchAsync(); // reaches the server, which stores the finding and opens its case
                await route.AbortAsync("connectionreset");
                return;
            }
            await route.ContinueAsync();
        });

        await session.GotoAndWaitReadyAsync("/field.html");
        Assert.Equal("ready", await session.EvalAsync<string>("() => window.__gengbao.serviceWorker"));
        Assert.True(await page.IsVisibleAsync("#view-login"));
        await page.FillAsync("#field-username", username);
        await page.FillAsync("#field-password", password);
        await page.ClickAsync("#field-login button[type=submit]");
        var card = page.Locator($"li[data-task-id='{taskId}']");
        await card.WaitForAsync();
        Assert.Equal("pending", await card.GetAttributeAsync("data-state"));
        StringAssert(await card.InnerTextAsync(), "待巡查", "截止");
        // Every task listed lies in the manager's village.
        var listed = await page.Locator("#task-list li[data-task-id]").CountAsync();
        Assert.Equal(await fixture.ScalarAsync<long>($"SELECT count(*) FROM patrol_task WHERE starts_with(cell_code, '{village}')"), listed);
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await session.ScreenshotAsync("field-tasks");

        // Online: three fixes, then an upload whose answer is lost, then the retry.
        await card.Locator("button.task-start").ClickAsync();
        await page.Locator("#view-patrol").WaitForAsync();
        var positions = new List<(double Lon, double Lat)>();
        await RecordAsync(session, positions, 0, lon0, lat0, initial: true);
        for (var i = 1; i < 3; i++)
        {
            await RecordAsync(session, positions, i, lon0, lat0);
        }
        await page.ClickAsync("#sync-status");
        await page.WaitForFunctionAsync("() => window.__gengbao.field.sync().lastError !== null && !window.__gengbao.field.sync().syncing");
        Assert.Equal("3", await page.GetAttributeAsync("#sync-status", "data-pending"));
        await page.ClickAsync("#sync-status");
        await page.WaitForFunctionAsync("() => document.getElementById('sync-status').dataset.pending === '0' && !window.__gengbao.field.sync().syncing");
        Assert.Equal("已同步", await page.InnerTextAsync("#sync-status"));
        var sent = uploads.ToArray();
        Assert.Equal(2, sent.Count(id => id == sent[0])); // the retry reused the batch id
        Assert.Equal(sent.Length - 1, sent.Distinct().Count()); // and only that one was sent twice
        var acknowledged = await session.EvalJsonAsync("() => window.__gengbao.field.acknowledged()");
        Assert.False(acknowledged[0].GetProperty("stored").GetBoolean()); // the server already had it
        Assert.Equal(3, await fixture.ScalarAsync<long>($"SELECT count(*) FROM track_point WHERE task_id = {taskId}"));

        // Offline: four more fixes and a finding with a photo.
        await context.SetOfflineAsync(true);
        await page.WaitForFunctionAsync("() => navigator.onLine === false");
        for (var i = 3; i < 7; i++)
        {
            await RecordAsync(session, positions, i, lon0, lat0);
        }
        Assert.True(await page.IsVisibleAsync("#net-status"));
        await page.ClickAsync("#btn-finding");
        await page.SelectOptionAsync("#finding-category", "abandonment");
        await page.FillAsync("#finding-notes", "离线上报：地块撂荒");
        await page.SetInputFilesAsync("#finding-photos", new FilePayload { Name = "field.jpg", MimeType = "image/jpeg", Buffer = Photo });
        await page.ClickAsync("#finding-form button[type=submit]");
        await page.WaitForFunctionAsync("() => window.__gengbao.field.sync().findings === 1");
        Assert.Equal("待上传 5 条", await page.InnerTextAsync("#sync-status"));
        await session.ScreenshotAsync("field-offline");

        // Reload while offline: the page comes from the service worker, the queue from IndexedDB, the patrol goes on.
        var reloaded = await page.ReloadAsync();
        Assert.NotNull(reloaded);
        Assert.True(reloaded!.FromServiceWorker, "field.html came from the service worker");
        await page.WaitForFunctionAsync("() => window.__gengbao && window.__gengbao.ready === true && window.__gengbao.watching === true");
        Assert.False(await session.EvalAsync<bool>("() => fetch('/health').then(() => true, () => false)")); // really offline
        Assert.Equal(taskId, await session.EvalAsync<long>("() => window.__gengbao.field.activeTask()"));
        await page.WaitForFunctionAsync("() => window.__gengbao.field.sync().findings === 1 && window.__gengbao.field.sync().points >= 4");
        await page.WaitForTimeoutAsync(500); // a fix delivered on resuming the watch, if the browser sends one
        for (var i = 7; i < 9; i++)
        {
            await RecordAsync(session, positions, i, lon0, lat0);
        }
        // What the phone holds now, in the order it was recorded (IndexedDB), before anything is sent.
        var pending = await session.EvalJsonAsync("""
            () => new Promise((resolve, reject) => {
              const open = indexedDB.open('gengbao-field');
              open.onsuccess = () => {
                const all = open.result.transaction('points').objectStore('points').getAll();
                all.onsuccess = () => resolve(all.result.map(p => [p.lon, p.lat, p.time]));
                all.onerror = () => reject(all.error);
              };
            })
            """);
        Assert.True(pending.GetArrayLength() >= 6, $"6 offline fixes queued, found {pending.GetArrayLength()}");

        // Back online: everything goes up by itself.
        await context.SetOfflineAsync(false);
        await page.WaitForFunctionAsync("() => document.getElementById('sync-status').dataset.pending === '0'", null,
            new PageWaitForFunctionOptions { Timeout = 60_000 });
        Assert.Equal("已同步", await page.InnerTextAsync("#sync-status"));
        await session.ScreenshotAsync("field-synced");

        // The replay holds the three online fixes and then exactly the queued ones, in order, each once.
        var replay = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/patrol/tracks/{taskId}");
        var expected = positions.Take(3).Select(p => (p.Lon, p.Lat)).Concat(pending.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble()))).ToList();
        Assert.Equal(expected.Count, replay.GetArrayLength());
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Item1, replay[i].GetProperty("lon").GetDouble(), 9);
            Assert.Equal(expected[i].Item2, replay[i].GetProperty("lat").GetDouble(), 9);
        }
        // Every position the phone was moved to is there, in the order it was visited.
        var distinct = replay.EnumerateArray().Select(f => (f.GetProperty("lon").GetDouble(), f.GetProperty("lat").GetDouble()))
            .Where((p, i) => i == 0 || Math.Abs(p.Item1 - replay[i - 1].GetProperty("lon").GetDouble()) > 1e-9).ToList();
        Assert.Equal(positions.Count, distinct.Count);
        Assert.Equal(expected.Count, await fixture.ScalarAsync<long>($"SELECT count(*) FROM track_point WHERE task_id = {taskId}"));
        Assert.Equal(expected.Count, await fixture.ScalarAsync<long>($"SELECT sum(point_count) FROM track_batch WHERE task_id = {taskId}"));
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            $"SELECT count(*) FROM (SELECT time FROM track_point WHERE task_id = {taskId} GROUP BY time HAVING count(*) > 1) d"));

        // The finding made offline arrived, with its photo.
        var findings = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/patrol/findings?taskId={taskId}");
        Assert.Equal(1, findings.GetArrayLength());
        Assert.Equal("abandonment", findings[0].GetProperty("category").GetString());
        Assert.Equal("离线上报：地块撂荒", findings[0].GetProperty("notes").GetString());
        Assert.Equal(1, findings[0].GetProperty("photos").GetInt32());
        // It was sent twice with one client id (the first answer lost) and stored once, with one case.
        var posted = findingPosts.ToArray();
        Assert.Equal(2, posted.Length);
        Assert.Equal(posted[0], posted[1]);
        Assert.True(Guid.TryParse(posted[0], out _), $"client id {posted[0]} is a UUID");
        var findingAcks = await session.EvalJsonAsync("() => window.__gengbao.field.findingsAcknowledged()");
        Assert.Equal(1, findingAcks.GetArrayLength());
        Assert.False(findingAcks[0].GetProperty("stored").GetBoolean()); // the retry found it stored
        Assert.Equal(findings[0].GetProperty("id").GetInt64(), findingAcks[0].GetProperty("id").GetInt64());
        Assert.Equal(1, await fixture.ScalarAsync<long>($"SELECT count(*) FROM patrol_finding WHERE client_id = '{posted[0]}'"));
        Assert.Equal(1, await fixture.ScalarAsync<long>(
            $"SELECT count(*) FROM case_source WHERE kind = 'patrol' AND external_number = '{findings[0].GetProperty("id").GetInt64()}'"));

        // Stop: the finish goes after the batches; the task is judged.
        await page.ClickAsync("#btn-stop");
        await page.Locator("#view-tasks").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('sync-status').dataset.pending === '0'");
        var state = await fixture.ScalarAsync<string>($"SELECT state FROM patrol_task WHERE id = {taskId}");
        Assert.Contains(state, new[] { "completed", "incomplete" });

        // Expected failures: the upload whose answer was dropped, and tiles and the /health probe while offline. The
        // console repeats failed loads without their address; the request-failed entries (with addresses) are checked.
        var unexpected = session.Errors.Where(e => !e.StartsWith("console: Failed to load resource: net::ERR_", StringComparison.Ordinal)
            && !(e.StartsWith("request failed: ", StringComparison.Ordinal)
                 && (e.Contains("/tiles/", StringComparison.Ordinal) || e.Contains("/batches", StringComparison.Ordinal) || e.Contains("/api/patrol/findings ", StringComparison.Ordinal) || e.Contains("/health", StringComparison.Ordinal)))).ToList();
        Assert.True(unexpected.Count == 0, "browser errors:\n" + string.Join("\n", unexpected));
    }

    /// <summary>Moves the phone ~15 m north-east per step and waits until the app has stored the fix.</summary>
    [Fact]
    public async Task Shows_the_parcel_under_the_phone_and_opens_a_warning_post_qr_code()
    {
        await fixture.EnsurePatrolTasksAsync();
        var task = (await fixture.RowsAsync("""
            SELECT t.id, t.cell_code, ST_X(ST_PointOnSurface(d.geom_4490)), ST_Y(ST_PointOnSurface(d.geom_4490)), d.spatial_code
            FROM patrol_task t
            JOIN admin_unit a ON a.code = t.cell_code AND a.year = (SELECT max(year) FROM admin_unit)
            JOIN LATERAL (SELECT geom_4490, spatial_code FROM dltb WHERE year = a.year AND ST_Within(geom_4490, a.geom_4490)
                          ORDER BY area_m2 DESC LIMIT 1) d ON true
            WHERE t.cell_level = 5 AND t.state = 'pending' AND t.due_at > now() + interval '1 day'
              AND NOT EXISTS (SELECT 1 FROM track_batch b WHERE b.task_id = t.id)
            ORDER BY t.cell_code LIMIT 1
            """)).Single();
        var (taskId, village, lon, lat, expectedCode) = ((long)task[0], (string)task[1], (double)task[2], (double)task[3], (string)task[4]);
        var username = $"field-{Guid.NewGuid():N}"[..16];
        var password = await fixture.CreateUserAsync(username, "field_manager", village, "扫码田管员");
        await using var session = await PageSession.OpenAsync(fixture, 390, signedIn: false, configure: o =>
        {
            o.Permissions = ["geolocation"];
            o.Geolocation = new Geolocation { Longitude = (float)lon, Latitude = (float)lat, Accuracy = 5 };
        });
        var page = session.Page;
        await session.GotoAndWaitReadyAsync("/field.html");
        await page.FillAsync("#field-username", username);
        await page.FillAsync("#field-password", password);
        await page.ClickAsync("#field-login button[type=submit]");
        var card = page.Locator($"li[data-task-id='{taskId}']");
        await card.WaitForAsync();

        // A photo that holds no QR code is answered, not ignored.
        await page.SetInputFilesAsync("#qr-file", new FilePayload { Name = "blank.jpg", MimeType = "image/jpeg", Buffer = Photo });
        await page.WaitForFunctionAsync("() => document.getElementById('qr-status').classList.contains('error')");
        var refusal = await page.InnerTextAsync("#qr-status");
        Assert.True(refusal.StartsWith("未识别", StringComparison.Ordinal) || refusal.StartsWith("无法读取照片", StringComparison.Ordinal), refusal);

        // Patrolling: the land-use patch under the phone, with its spatial code, from the tiles on the map.
        await card.Locator("button.task-start").ClickAsync();
        await page.Locator("#view-patrol").WaitForAsync();
        await page.WaitForFunctionAsync("() => typeof window.__gengbao.parcelCode === 'string'", null, new() { Timeout = 20_000 });
        Assert.Equal(expectedCode, await session.EvalAsync<string>("() => window.__gengbao.parcelCode"));
        Assert.Contains(expectedCode, await page.InnerTextAsync("#patrol-parcel"));
        await session.ScreenshotAsync("field-parcel");
        await page.ClickAsync("#btn-stop");
        await page.Locator("#view-tasks").WaitForAsync();

        // The QR code printed on the parcel's warning post, photographed: the app opens the parcel page.
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        var qr = await http.GetByteArrayAsync($"/api/onemap/parcels/{expectedCode}/qr.png");
        await page.SetInputFilesAsync("#qr-file", new FilePayload { Name = "post.png", MimeType = "image/png", Buffer = qr });
        await page.WaitForURLAsync($"**/p/{expectedCode}");
        Assert.Contains(expectedCode, await page.InnerTextAsync("body"));
        await session.ScreenshotAsync("field-qr-parcel");
        session.AssertNoErrors();
    }

    private static async Task RecordAsync(PageSession session, List<(double Lon, double Lat)> positions, int step, double lon0, double lat0, bool initial = false)
    {
        // The first fix comes by itself when the patrol starts (the context's initial position).
        var before = initial ? 0 : await session.EvalAsync<int>("() => window.__gengbao.recorded ?? 0");
        // Playwright passes the position as a float, which reaches the page as its shortest decimal form.
        static double AsSent(double v) => double.Parse(((float)v).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var (lon, lat) = (AsSent(lon0 + step * 0.0001), AsSent(lat0 + step * 0.0001));
        if (!initial)
        {
            await session.Context.SetGeolocationAsync(new Geolocation { Longitude = (float)lon, Latitude = (float)lat, Accuracy = 5 });
        }
        try
        {
            await session.Page.WaitForFunctionAsync($"() => (window.__gengbao.recorded ?? 0) > {before}");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"fix {step} not stored; GPS status: {await session.Page.InnerTextAsync("#gps-status")}; errors: {string.Join(" | ", session.Errors)}");
        }
        positions.Add((lon, lat));
        await session.Page.WaitForTimeoutAsync(50);
    }

    private static void StringAssert(string text, params string[] parts)
    {
        foreach (var part in parts)
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }
    }
}
