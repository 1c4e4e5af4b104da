using Npgsql;

namespace Gengbao.Storage.Security;

/// <summary>A live session row and its account.</summary>
public sealed record SessionInfo(string TokenHash, Account Account, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Sessions in <c>app_session</c>, keyed by the SM3 hash of the opaque token (the token itself is never stored).
/// Owner connections only: a session is looked up before its user's region is known.
/// </summary>
public sealed class SessionStore(IConnectionSource connections)
{
    public async Task CreateAsync(string tokenHash, long userId, DateTimeOffset now, DateTimeOffset expiresAt, string ip, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "INSERT INTO app_session (token_hash, user_id, created_at, last_seen_at, expires_at, ip) VALUES ($1, $2, $3, $3, $4, $5)", connection);
        command.Parameters.AddWithValue(tokenHash);
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(expiresAt);
        command.Parameters.AddWithValue(ip);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The session if it exists and is not revoked (expiry is the caller's rule), with its account.</summary>
    public async Task<SessionInfo?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            SELECT s.created_at, s.last_seen_at, s.expires_at, {string.Join(", ", AccountStore.SelectColumns.Split(',').Select(c => "u." + c.Trim()))}
            FROM app_session s JOIN app_user u ON u.id = s.user_id
            WHERE s.token_hash = $1 AND s.revoked_at IS NULL
            """, connection);
        command.Parameters.AddWithValue(tokenHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return new SessionInfo(tokenHash, AccountStore.Read(reader, 3), reader.GetFieldValue<DateTimeOffset>(0),
            reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2));
    }

    public async Task TouchAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE app_session SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2", tokenHash, now, cancellationToken).ConfigureAwait(false);

    public async Task RevokeAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE app_session SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL", tokenHash, now, cancellationToken).ConfigureAwait(false);

    /// <summary>Revokes every session of a user except <paramref name="keepTokenHash"/> (after a password change).</summary>
    public async Task RevokeOthersAsync(long userId, string keepTokenHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "UPDATE app_session SET revoked_at = $3 WHERE user_id = $1 AND token_hash <> $2 AND revoked_at IS NULL", connection);
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(keepTokenHash);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(string sql, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(tokenHash);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
