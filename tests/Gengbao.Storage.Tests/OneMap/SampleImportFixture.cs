using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Gengbao.TestSupport;
using Npgsql;

namespace Gengbao.Storage.Tests.OneMap;

/// <summary>A database holding the shared sample county, imported once for the read-only tests of a class.</summary>
public sealed class SampleImportFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public ImportResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await ThrowawayCluster.CreateDatabaseAsync("sample");
        DataSource = GengbaoDatabase.CreateDataSource(ConnectionString);
        Result = await new OneMapImporter(DataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();
}
