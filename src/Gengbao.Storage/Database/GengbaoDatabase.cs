using Gengbao.Storage.Cluster;
using Npgsql;

namespace Gengbao.Storage.Database;

/// <summary>
/// Where the platform's data lives: an external PostgreSQL/PostGIS named by <c>GENGBAO_DB</c> (a connection string),
/// or else the project's private cluster.
/// </summary>
public static class GengbaoDatabase
{
    public const string ConnectionVariable = "GENGBAO_DB";

    /// <summary>True when <c>GENGBAO_DB</c> names an external database, so no private cluster is started.</summary>
    public static bool IsExternal => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionVariable));

    public static string ConnectionString =>
        IsExternal ? Environment.GetEnvironmentVariable(ConnectionVariable)! : new PrivateCluster(ClusterSettings.FromEnvironment()).ConnectionString;

    /// <summary>A data source with PostGIS geometry mapped to NetTopologySuite types.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        builder.EnableDynamicJson();
        return builder.Build();
    }

    /// <summary>PostgreSQL and PostGIS versions, for health checks and the CLI's status line.</summary>
    public static async Task<(string Postgres, string PostGis)> VersionsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT current_setting('server_version'), coalesce((SELECT extversion FROM pg_extension WHERE extname = 'postgis'), 'not installed')");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetString(0), reader.GetString(1));
    }
}
