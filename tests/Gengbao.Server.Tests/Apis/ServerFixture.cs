using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gengbao.Demo;
using Gengbao.Security.Access;
using Gengbao.Security.Passwords;
using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Gengbao.Storage.Security;
using Gengbao.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gengbao.Server.Tests.Apis;

/// <summary>
/// The real server over a real PostGIS database holding the shared sample county (622921) and, as a second county,
/// a small demo county (622922). <see cref="Client"/> is logged in as a system admin created here, so the API tests
/// go through the same authentication as everyone else; <see cref="Clock"/> can be moved forward for expiry tests.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    public const string SecondCounty = "622922";
    public const string AdminUsername = "fixture-admin";
    public const string Password = "Fixture-Password-2026";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("gengbao-server-");
    private WebApplicationFactory<Program>? _factory;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Where the server keeps one-map uploads until their import job ends.</summary>
    public string ImportsFolder => Path.Combine(_work.FullName, "imports");

    /// <summary>A scratch folder of this fixture's own, removed at the end.</summary>
    public string WorkFolder => _work.FullName;

    /// <summary>Logged in as <see cref="AdminUsername"/> (system admin, whole country).</summary>
    public HttpClient Client { get; private set; } = null!;

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public IServiceProvider Services => _factory!.Services;

    /// <summary>False for fixtures of tests that need accounts but no one-map data.</summary>
    protected virtual bool ImportsData => true;

    public async Task InitializeAsync()
    {
        ConnectionString = await ThrowawayCluster.CreateDatabaseAsync("server");
        await using (var dataSource = GengbaoDatabase.CreateDataSource(ConnectionString))
        {
            if (ImportsData)
            {
                var importer = new OneMapImporter(dataSource);
                await importer.ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
                var demo = DemoPrefecture.WriteGeoPackages(new DemoOptions(Seed: 5, Size: 400, County: SecondCounty), _work.FullName);
                await importer.ImportAsync(demo.Single(f => f.EndsWith("2024.gpkg", StringComparison.Ordinal)), new ImportOptions { Year = 2024 });
            }
        }
        await CreateUserAsync(AdminUsername, Role.SystemAdmin, "");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Gengbao", ConnectionString)
            .UseSetting("Gengbao:KeyDirectory", Path.Combine(_work.FullName, "keys"))
            .UseSetting("Gengbao:Imports:Folder", ImportsFolder)
            .UseSetting("Gengbao:Security:LoginPermitsPerMinute", "10000")
            .UseSetting("Gengbao:Security:PublicPermitsPerMinute", "10000")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
        Client = await LoginAsync(AdminUsername);
    }

    /// <summary>A client without any session.</summary>
    public HttpClient Anonymous() => _factory!.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    /// <summary>Creates an account directly in the database (as an operator would with <c>gengbao user add</c>).</summary>
    public async Task CreateUserAsync(string username, Role role, string region, string password = Password)
    {
        await using var dataSource = GengbaoDatabase.CreateDataSource(ConnectionString);
        await new AccountStore(new OwnerConnections(dataSource)).CreateAsync(
            new NewAccount(username, new PasswordHasher().Hash(password), role, RegionScope.Parse(region), "测试用户"), "fixture");
    }

    /// <summary>A client that sends the bearer token of a fresh login.</summary>
    public async Task<HttpClient> LoginAsync(string username, string password = Password)
    {
        using var anonymous = Anonymous();
        using var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { username, password });
        Assert.True(response.IsSuccessStatusCode, $"login of {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
        return client;
    }

    public async Task<string> ScalarAsync(string sql)
    {
        await using var dataSource = GengbaoDatabase.CreateDataSource(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        _work.Delete(recursive: true);
    }
}

/// <summary>The same server without one-map data, for account and session tests.</summary>
public sealed class AccountsServerFixture : ServerFixture
{
    protected override bool ImportsData => false;
}

/// <summary>A clock the tests move by hand (session idle and absolute expiry, lockout).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
