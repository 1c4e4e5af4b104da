using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gengbao.Security.Access;
using Gengbao.Security.Passwords;
using Gengbao.Server;
using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Gengbao.Storage.Security;
using Gengbao.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Npgsql;

namespace Gengbao.Web.Tests;

/// <summary>
/// The real server on Kestrel (127.0.0.1, a free port) over a throw-away PostGIS database holding the shared sample
/// county (year 2024), serving the built <c>web/dist</c>, and one headless Debian Chromium driven by Playwright.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const int Year = 2024;

    /// <summary>The sample is also imported as this earlier year, with <see cref="ChangedParcel"/> turned to water in it.</summary>
    public const int EarlierYear = 2023;

    /// <summary>The land class the changed parcel has in <see cref="EarlierYear"/> (river surface).</summary>
    public const string EarlierClass = "1101";

    /// <summary>A system admin (whole country) every page session is signed in as, unless it asks not to be.</summary>
    public const string Username = "web-admin";

    public const string Password = "Web-Fixture-2026!";

    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("gengbao-web-keys-");

    /// <summary>Where the server keeps one-map uploads until their import job ends (inside the keys' scratch folder).</summary>
    public string ImportsFolder => Path.Combine(_keys.FullName, "imports");

    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>GENGBAO_SCREENSHOTS</c>, else <c>tests/Gengbao.Web.Tests/bin/screenshots</c>.</summary>
    public static string ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("GENGBAO_SCREENSHOTS") is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.Combine(SharedData.RepositoryRoot, "tests", "Gengbao.Web.Tests", "bin", "screenshots");

    public static string WebDist => Path.Combine(SharedData.RepositoryRoot, "web", "dist");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(WebDist, "index.html")))
        {
            throw new InvalidOperationException(
                $"the web front end is not built: {WebDist}/index.html is missing. Run ./test (it builds it), or `cd web && npm ci && npm run build`.");
        }
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"{chromium} is missing: install Debian's chromium (scripts/setup.sh does).");
        }
        Directory.CreateDirectory(ScreenshotFolder);

        var connectionString = await ThrowawayCluster.CreateDatabaseAsync("web");
        DataSource = GengbaoDatabase.CreateDataSource(connectionString);
        await new OneMapImporter(DataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = Year });
        await new OneMapImporter(DataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = EarlierYear });
        ChangedParcel = await ClearParcelAsync();
        await using (var change = DataSource.CreateCommand(
            $"UPDATE dltb SET dlbm = '{EarlierClass}', dlmc = '河流水面' WHERE year = {EarlierYear} AND spatial_code = $1"))
        {
            change.Parameters.AddWithValue(ChangedParcel.SpatialCode);
            Assert.Equal(1, await change.ExecuteNonQueryAsync());
        }

        await new AccountStore(new OwnerConnections(DataSource)).CreateAsync(
            new NewAccount(Username, new PasswordHasher().Hash(Password), Role.SystemAdmin, RegionScope.Parse(""), "网页测试管理员"), "fixture");

        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        _app = GengbaoServer.Build([$"--Gengbao:WebRoot={WebDist}", "--Logging:LogLevel:Default=Warning", $"--Gengbao:KeyDirectory={_keys.FullName}",
            "--Gengbao:Security:LoginPermitsPerMinute=10000", "--Gengbao:Security:PublicPermitsPerMinute=10000", $"--Gengbao:Imports:Folder={ImportsFolder}"], DataSource, BaseUrl);
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using (var login = await Http.PostAsJsonAsync("/api/auth/login", new { username = Username, password = Password }))
        {
            login.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
            SessionToken = body.RootElement.GetProperty("token").GetString()!;
        }
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SessionToken);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root in a container has no user namespaces for the sandbox (the pages are our own); the network is closed,
            // so Chromium's own background connections are switched off.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>The session of <see cref="Username"/>: the browser's cookie and <see cref="Http"/>'s bearer token.</summary>
    public string SessionToken { get; private set; } = "";

    /// <summary>A large 2024 land-use patch and the centre of its largest inscribed circle, where no other visible layer lies.</summary>
    public ClearParcel ChangedParcel { get; private set; } = null!;

    /// <summary>Finds the <see cref="ClearParcel"/>: clicks there hit the patch itself, not an overlay.</summary>
    public async Task<ClearParcel> ClearParcelAsync()
    {
        var row = (await RowsAsync($"""
            WITH c AS (
                SELECT spatial_code, area_m2, dlbm, (ST_MaximumInscribedCircle(geom_4490)).center AS p, (ST_MaximumInscribedCircle(geom_4490)).radius AS r
                FROM dltb WHERE year = {Year} AND dlbm NOT LIKE '11%' ORDER BY area_m2 DESC LIMIT 300)
            SELECT spatial_code, area_m2, dlbm, ST_X(p), ST_Y(p) FROM c
            WHERE NOT EXISTS (SELECT 1 FROM yjjbnt y WHERE y.year = {Year} AND ST_DWithin(y.geom_4490, c.p, 0.0003))
              AND NOT EXISTS (SELECT 1 FROM bhtb b WHERE b.year = {Year} AND ST_DWithin(b.geom_4490, c.p, 0.0003))
            ORDER BY r DESC LIMIT 1
            """)).Single();
        return new ClearParcel((string)row[0], (decimal)row[1], (string)row[2], (double)row[3], (double)row[4]);
    }

    private readonly SemaphoreSlim _patrolGate = new(1, 1);
    private bool _patrolReady;

    /// <summary>
    /// Patrol tasks for the pages: dispatched 45 days ago (those periods have ended by now, so their open tasks are
    /// overdue with warnings) and now (pending tasks of the current periods). Idempotent; once per fixture.
    /// </summary>
    public async Task EnsurePatrolTasksAsync()
    {
        await _patrolGate.WaitAsync();
        try
        {
            if (_patrolReady)
            {
                return;
            }
            foreach (var at in new[] { DateTimeOffset.UtcNow.AddDays(-45), DateTimeOffset.UtcNow })
            {
                using var dispatch = await Http.PostAsync($"/api/patrol/dispatch?at={Uri.EscapeDataString(at.ToString("O"))}", null);
                dispatch.EnsureSuccessStatusCode();
            }
            _patrolReady = true;
        }
        finally
        {
            _patrolGate.Release();
        }
    }

    /// <summary>Creates an account (a generated password is returned by the server); returns its password.</summary>
    public async Task<string> CreateUserAsync(string username, string role, string regionCode, string displayName)
    {
        const string password = "Field-Test-2026!x";
        using var created = await Http.PostAsJsonAsync("/api/admin/users", new { username, password, role, regionCode, displayName });
        Assert.True(created.IsSuccessStatusCode, $"create {username}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return password;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<object[]>> RowsAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }
        _keys.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A land-use patch to click: spatial code, official area, land class, and a lon/lat well inside it.</summary>
public sealed record ClearParcel(string SpatialCode, decimal AreaM2, string LandClass, double Lon, double Lat);

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
