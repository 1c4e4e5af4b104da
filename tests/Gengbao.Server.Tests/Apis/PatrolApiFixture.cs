using Gengbao.Storage.Security;
using Gengbao.Security.Passwords;
using Gengbao.Security.Access;
using System.Net.Http.Json;
using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Gengbao.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gengbao.Server.Tests.Apis;

/// <summary>The real server over the sample county with a clock the tests set; the scheduler runs on that clock.</summary>
public sealed class PatrolApiFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.FromHours(8));

    private const string Username = "patrol-admin";
    private const string Password = "Patrol-Fixture-2026!";

    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("gengbao-patrol-keys-");
    private WebApplicationFactory<Program>? _factory;

    public ManualTime Time { get; } = new(Start);

    public string ConnectionString { get; private set; } = "";

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await ThrowawayCluster.CreateDatabaseAsync("patrolapi");
        await using (var dataSource = GengbaoDatabase.CreateDataSource(ConnectionString))
        {
            await new OneMapImporter(dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
        }
        await using (var dataSource = GengbaoDatabase.CreateDataSource(ConnectionString))
        {
            await new AccountStore(new OwnerConnections(dataSource)).CreateAsync(
                new NewAccount(Username, new PasswordHasher().Hash(Password), Role.SystemAdmin, RegionScope.Parse(""), "巡田测试"), "fixture");
        }
        // The tests move the clock by months: sessions must outlive that (their expiry is tested in AuthApiTests).
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Gengbao", ConnectionString)
            .UseSetting("Gengbao:KeyDirectory", _keys.FullName)
            .UseSetting("Gengbao:Security:IdleTimeout", "3650.00:00:00")
            .UseSetting("Gengbao:Security:AbsoluteTimeout", "3650.00:00:00")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time)));
        Client = _factory.CreateClient();
        using var login = await Client.PostAsJsonAsync("/api/auth/login", new { username = Username, password = Password });
        login.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var dataSource = GengbaoDatabase.CreateDataSource(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        _keys.Delete(recursive: true);
    }
}
