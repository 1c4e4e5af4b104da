using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Gengbao.TestSupport;
using Npgsql;

namespace Gengbao.Cli.Tests.Commands;

/// <summary>
/// What a dying process leaves behind (issues 5 and 10): the real <c>./gengbao</c> is killed with SIGKILL mid-way, as
/// a power cut or the OOM killer would, and the database is read afterwards.
/// </summary>
public sealed class KilledProcessTests
{
    private static Process Start(string database, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(SharedData.RepositoryRoot, "gengbao"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = SharedData.RepositoryRoot,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["GENGBAO_DB"] = database;
        return Process.Start(start)!;
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_import_killed_while_writing_its_layers_leaves_nothing_and_a_rerun_imports_everything()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("killimport");

        using (var import = Start(database, "import", SharedData.SampleGeoPackage, "--year", "2024"))
        {
            var stdout = new List<string>();
            // Killed as soon as the first layer starts replacing its version inside the import's transaction.
            while (await import.StandardOutput.ReadLineAsync() is { } line)
            {
                stdout.Add(line);
                if (line.Contains("replace version", StringComparison.Ordinal))
                {
                    import.Kill(entireProcessTree: true);
                    break;
                }
            }
            await import.WaitForExitAsync();
            Assert.True(import.ExitCode != 0, "the import finished before it could be killed:\n" + string.Join('\n', stdout));
            Assert.DoesNotContain(stdout, l => l.StartsWith("imported", StringComparison.OrdinalIgnoreCase));
        }
        // PostgreSQL rolls the open transaction back when the client's connection drops; wait for that backend to go.
        for (var i = 0; i < 100 && await CountAsync(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'") > 0; i++)
        {
            await Task.Delay(100);
        }
        foreach (var table in new[] { "layer_version", "dltb", "yjjbnt", "gbznt", "pzyd", "bhtb", "admin_unit", "screening_run" })
        {
            Assert.Equal(0, await CountAsync(database, $"SELECT count(*) FROM {table}"));
        }

        var rerun = await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2024");
        Assert.True(rerun.ExitCode == 0, rerun.Stderr + rerun.Stdout);
        Assert.Equal(19997, await CountAsync(database, "SELECT count(*) FROM dltb"));
        Assert.Equal(500, await CountAsync(database, "SELECT count(*) FROM bhtb"));
    }

    [Fact]
    public async Task A_server_killed_during_track_uploads_keeps_every_acknowledged_batch_whole()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("killserver");
        var import = await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2024");
        Assert.True(import.ExitCode == 0, import.Stderr);
        const string password = "Kill-Test-Password-2026";
        var user = await GengbaoProcess.RunWithInputAsync(database, password + "\n",
            "user", "add", "--username", "killfm", "--role", "field_manager", "--region", "622921", "--password-stdin");
        Assert.True(user.ExitCode == 0, user.Stderr + user.Stdout);
        var dispatch = await GengbaoProcess.RunAsync(database, "patrol", "dispatch");
        Assert.True(dispatch.ExitCode == 0, dispatch.Stderr + dispatch.Stdout);
        var task = await CountAsync(database, "SELECT min(id) FROM patrol_task WHERE cell_level = 6");
        var lon = await CountAsync(database, "SELECT round(ST_X(ST_PointOnSurface(geom_4490)) * 1e6) FROM admin_unit a JOIN patrol_task t ON t.cell_code = a.code WHERE t.id = " + task) / 1e6;
        var lat = await CountAsync(database, "SELECT round(ST_Y(ST_PointOnSurface(geom_4490)) * 1e6) FROM admin_unit a JOIN patrol_task t ON t.cell_code = a.code WHERE t.id = " + task) / 1e6;

        var acknowledged = new List<Guid>();
        var sent = new List<Guid>();
        var first = DateTimeOffset.UtcNow.AddHours(-3);
        List<object> Batch(int n) => Enumerable.Range(0, 200)
            .Select(i => (object)new { lon = lon + ((n * 200 + i) * 0.000001), lat, accuracy = 5.0, time = first.AddSeconds((n * 200) + i) })
            .ToList();

        var port = FreePort();
        using (var server = Start(database, "serve", "--port", port.ToString(CultureInfo.InvariantCulture)))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) }; // generous: a loaded CI machine, not latency, is what this test meets
            await SignInAsync(client, "killfm", password);
            // Uploads back to back; the server dies under them after the 20th acknowledgement.
            for (var n = 0; n < 1000 && acknowledged.Count < 40; n++)
            {
                var id = Guid.NewGuid();
                sent.Add(id);
                try
                {
                    using var response = await client.PostAsJsonAsync($"/api/patrol/tracks/{task}/batches", new { batchId = id, points = Batch(n) });
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.Add(id);
                    }
                }
                catch (HttpRequestException)
                {
                    break; // the server is gone
                }
                if (acknowledged.Count == 20)
                {
                    // The next upload is in flight when the kill lands.
                    var last = Guid.NewGuid();
                    sent.Add(last);
                    var inFlight = client.PostAsJsonAsync($"/api/patrol/tracks/{task}/batches", new { batchId = last, points = Batch(n + 1) });
                    server.Kill(entireProcessTree: true);
                    try
                    {
                        using var lost = await inFlight;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        // expected: the connection dropped
                    }
                    break;
                }
            }
            await server.WaitForExitAsync();
        }
        Assert.Equal(20, acknowledged.Count);

        // Every acknowledged batch is stored whole; no batch anywhere is partial.
        foreach (var id in acknowledged)
        {
            Assert.Equal(200, await CountAsync(database, $"SELECT count(*) FROM track_point WHERE batch_id = '{id}'"));
        }
        Assert.Equal(0, await CountAsync(database, """
            SELECT count(*) FROM track_batch b
            WHERE b.point_count <> (SELECT count(*) FROM track_point p WHERE p.batch_id = b.batch_id AND p.task_id = b.task_id)
            """));

        // After a restart the app retries every batch it sent: acknowledged ones store nothing, the rest store once.
        using (var server = Start(database, "serve", "--port", port.ToString(CultureInfo.InvariantCulture)))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) }; // generous: a loaded CI machine, not latency, is what this test meets
            await SignInAsync(client, "killfm", password);
            for (var n = 0; n < sent.Count; n++)
            {
                using var response = await client.PostAsJsonAsync($"/api/patrol/tracks/{task}/batches", new { batchId = sent[n], points = Batch(n) });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var stored = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stored").GetBoolean();
                if (acknowledged.Contains(sent[n]))
                {
                    Assert.False(stored, $"acknowledged batch {sent[n]} was stored again");
                }
            }
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        Assert.Equal(sent.Count * 200L, await CountAsync(database, $"SELECT count(*) FROM track_point WHERE task_id = {task}"));
    }

    private static async Task SignInAsync(HttpClient client, string username, string password)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var login = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
                login.EnsureSuccessStatusCode();
                var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return;
            }
            catch (HttpRequestException) when (attempt < 300)
            {
                await Task.Delay(200); // the server is still starting
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
