using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gengbao.Import.Roster;
using Gengbao.Security.Access;
using Gengbao.Security.Passwords;
using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Gengbao.Storage.Patrol;
using Gengbao.Storage.Security;
using Gengbao.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gengbao.Server.Tests.Apis;

/// <summary>
/// The real server over the sample county (622921, 500 change patches) with a roster: a group manager for the group
/// under patch <see cref="GroupJcbh"/> and a village manager (no group manager) for the village of
/// <see cref="VillageJcbh"/>. Accounts for every role; the county is screened and taken in as cases before the tests.
/// </summary>
public class CaseApiFixture : IAsyncLifetime
{
    public const string Password = "Case-Fixture-2026!";
    public const string County = "622921";

    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("gengbao-case-keys-");
    private WebApplicationFactory<Program>? _factory;
    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>
    /// Whether the escalation scheduler runs (every second) in this server; off by default so tests that escalate by
    /// request see their tasks escalated by that request.
    /// </summary>
    protected virtual bool EscalationScheduler => false;

    /// <summary>The server's services (the escalation scheduler, for its run count).</summary>
    public IServiceProvider Services => _factory!.Services;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 6, 10, 4, 0, 0, TimeSpan.Zero));

    public string ConnectionString { get; private set; } = "";

    /// <summary>A yellow patch whose group has a manager on the roster, its group and village.</summary>
    public string GroupJcbh { get; private set; } = "";
    public string GroupCell { get; private set; } = "";
    public string GroupVillage { get; private set; } = "";
    public long GroupManagerId { get; private set; }

    /// <summary>A yellow patch in another village whose groups have no manager: the village manager gets it.</summary>
    public string VillageJcbh { get; private set; } = "";
    public string VillageCell { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await ThrowawayCluster.CreateDatabaseAsync("caseapi");
        await using (var dataSource = GengbaoDatabase.CreateDataSource(ConnectionString))
        {
            await new OneMapImporter(dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
            // Two patches of different villages, each inside exactly one group; both are yellow in the reference (screen_S.csv).
            var yellow = File.ReadLines(SharedData.File("screen_S.csv")).Skip(1).Where(l => l.EndsWith(",yellow", StringComparison.Ordinal))
                .Select(l => l.Split(',')[0]).ToArray();
            var picks = new List<(string Jcbh, string Group, string Village)>();
            await using (var command = dataSource.CreateCommand("""
                SELECT b.jcbh, a.code, a.parent_code FROM bhtb b
                JOIN admin_unit a ON a.level = 6 AND ST_Contains(a.geom_4490, ST_PointOnSurface(b.geom_4490))
                WHERE b.jcbh = ANY($1) ORDER BY b.jcbh
                """))
            {
                command.Parameters.AddWithValue(yellow);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    picks.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }
            var first = picks[0];
            var second = picks.First(p => p.Village != first.Village);
            (GroupJcbh, GroupCell, GroupVillage) = first;
            (VillageJcbh, VillageCell) = (second.Jcbh, second.Village);
            const string header = "行政区代码,行政区名称,网格层级,角色,姓名,手机号,任期开始,任期结束\n";
            var csv = header + $"{GroupCell},,社,田管员,社长甲,13300000001,2024-01-01,\n{VillageCell},,村,田管员,村长乙,13300000002,2024-01-01,\n";
            var content = Encoding.UTF8.GetBytes(csv);
            await new RosterImporter(new OwnerConnections(dataSource), FieldKeyFile.LoadOrCreate(_keys.FullName)).ImportAsync(RosterFileReader.Read(new MemoryStream(content), "roster.csv"), content);
            await using (var command = dataSource.CreateCommand("SELECT id FROM patrol_roster WHERE cell_code = $1"))
            {
                command.Parameters.AddWithValue(GroupCell);
                GroupManagerId = (long)(await command.ExecuteScalarAsync())!;
            }
            var accounts = new AccountStore(new OwnerConnections(dataSource));
            var hash = new PasswordHasher().Hash(Password);
            foreach (var (name, role, region) in new[]
            {
                ("admin", Role.SystemAdmin, ""), ("bureau", Role.RegionAdmin, County), ("leader", Role.Leader, County),
                ("enforcer", Role.Enforcement, County), ("manager", Role.FieldManager, GroupVillage), ("other-manager", Role.FieldManager, VillageCell),
            })
            {
                await accounts.CreateAsync(new NewAccount(name, hash, role, RegionScope.Parse(region), "用户" + name), "fixture");
            }
        }
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Gengbao", ConnectionString)
            .UseSetting("Gengbao:KeyDirectory", _keys.FullName)
            .UseSetting("Gengbao:Security:IdleTimeout", "3650.00:00:00")
            .UseSetting("Gengbao:Security:AbsoluteTimeout", "3650.00:00:00")
            .UseSetting("Gengbao:Security:LoginPermitsPerMinute", "10000")
            .UseSetting("Gengbao:Security:PublicPermitsPerMinute", "10000")
            .UseSetting("Gengbao:Cases:EscalationScheduler", EscalationScheduler ? "true" : "false")
            .UseSetting("Gengbao:Cases:EscalationIntervalSeconds", "1")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
        var admin = await As("admin");
        using var queued = await admin.PostAsJsonAsync("/api/screening/runs", new { region = County, year = 2024 });
        queued.EnsureSuccessStatusCode();
        using var runs = JsonDocument.Parse(await queued.Content.ReadAsStringAsync());
        var id = runs.RootElement.EnumerateArray().Single().GetProperty("id").GetInt64();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            using var run = JsonDocument.Parse(await admin.GetStringAsync($"/api/screening/runs/{id}"));
            var status = run.RootElement.GetProperty("status").GetString();
            if (status == "done")
            {
                break;
            }
            Assert.True(status != "failed" && DateTime.UtcNow < deadline, $"screening run {id}: {status}");
            await Task.Delay(200);
        }
        // The worker takes the run's patches in as cases right after; taking them in again here is a no-op if it already has.
        using var intake = await admin.PostAsync($"/api/cases/intake/screening?countyCode={County}&year=2024", null);
        intake.EnsureSuccessStatusCode();
    }

    /// <summary>A client signed in as one of the fixture's accounts (admin, bureau, leader, enforcer, manager, other-manager).</summary>
    public async Task<HttpClient> As(string username)
    {
        if (_clients.TryGetValue(username, out var known))
        {
            return known;
        }
        var client = Anonymous();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { username, password = Password });
        login.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
        _clients[username] = client;
        return client;
    }

    public HttpClient Anonymous() => _factory!.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    public async Task<string> ScalarAsync(string sql, params object[] parameters)
    {
        await using var dataSource = GengbaoDatabase.CreateDataSource(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p);
        }
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    public async Task<long> CountAsync(string sql, params object[] parameters) =>
        long.Parse(await ScalarAsync(sql, parameters), CultureInfo.InvariantCulture);

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        _keys.Delete(recursive: true);
    }
}
