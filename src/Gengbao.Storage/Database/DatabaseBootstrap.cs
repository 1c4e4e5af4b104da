using Gengbao.Storage.Cluster;
using Gengbao.Storage.Migrations;
using Npgsql;

namespace Gengbao.Storage.Database;

/// <summary>Makes the platform's database usable: start the private cluster unless an external one is named, then migrate.</summary>
public static class DatabaseBootstrap
{
    /// <summary>Returns a migrated data source; the caller disposes it.</summary>
    public static async Task<NpgsqlDataSource> OpenAsync(string? connectionString = null, CancellationToken cancellationToken = default)
    {
        if (connectionString is null)
        {
            if (!GengbaoDatabase.IsExternal)
            {
                await new PrivateCluster(ClusterSettings.FromEnvironment()).StartAsync(cancellationToken).ConfigureAwait(false);
            }
            connectionString = GengbaoDatabase.ConnectionString;
        }
        var dataSource = GengbaoDatabase.CreateDataSource(connectionString);
        try
        {
            await Migrator.MigrateAsync(dataSource, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return dataSource;
    }

    /// <summary>True when no one-map data has been loaded yet (so <c>./run</c> loads the demo prefecture).</summary>
    public static async Task<bool> IsEmptyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT NOT EXISTS (SELECT 1 FROM layer_version)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
