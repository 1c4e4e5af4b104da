using Npgsql;

namespace Gengbao.Storage.Security;

/// <summary>Connections as the database owner, not subject to row-level security: migrations, imports, CLI, jobs, login.</summary>
public sealed class OwnerConnections(NpgsqlDataSource dataSource) : IConnectionSource
{
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default) => dataSource.OpenConnectionAsync(cancellationToken);
}
