using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Gengbao.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gengbao.Server.Tests.Apis;

/// <summary>The real server over a real PostGIS database holding the shared sample county.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;

    public string ConnectionString { get; private set; } = "";

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await ThrowawayCluster.CreateDatabaseAsync("server");
        await using (var dataSource = GengbaoDatabase.CreateDataSource(ConnectionString))
        {
            await new OneMapImporter(dataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
        }
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Gengbao", ConnectionString));
        Client = _factory.CreateClient();
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
    }
}
