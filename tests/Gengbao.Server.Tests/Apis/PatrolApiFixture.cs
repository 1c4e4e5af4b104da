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
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Gengbao", ConnectionString)
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time)));
        Client = _factory.CreateClient();
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
    }
}
