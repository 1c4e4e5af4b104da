using Npgsql;

namespace Gengbao.Storage.Security;

/// <summary>
/// The one place request-time region scope is applied: every connection opened here runs as the scope's request
/// role (<c>SET ROLE</c>) with <c>gengbao.region</c> set, so PostgreSQL's row-level security policies decide which
/// rows exist for it, whatever SQL a store runs. Both are set on every open (never inherited from a pooled
/// connection); the pool's reset on close (<c>DISCARD ALL</c>) clears them before an owner reuses the connection.
/// </summary>
public sealed class ScopedConnections(NpgsqlDataSource dataSource, DataScope scope) : IConnectionSource
{
    public DataScope Scope { get; } = scope;

    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var role = Scope.DatabaseRole switch
        {
            DataScope.WebRole => DataScope.WebRole,
            DataScope.PublicRole => DataScope.PublicRole,
            _ => throw new InvalidOperationException($"'{Scope.DatabaseRole}' is not a request role"),
        };
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands = { new NpgsqlBatchCommand($"SET ROLE {role}"), new NpgsqlBatchCommand("SELECT set_config('gengbao.region', $1, false)") },
            };
            batch.BatchCommands[1].Parameters.AddWithValue(Scope.Region);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
