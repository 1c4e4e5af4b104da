using Npgsql;

namespace Gengbao.Storage.Security;

/// <summary>
/// Where a store gets its open connection: <see cref="ScopedConnections"/> for request-time access (region scope
/// enforced by PostgreSQL) or <see cref="OwnerConnections"/> for migrations, imports, the CLI and background jobs.
/// The caller disposes the connection.
/// </summary>
public interface IConnectionSource
{
    ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default);
}
