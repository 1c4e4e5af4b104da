using Gengbao.Security.Access;
using Npgsql;

namespace Gengbao.Storage.Security;

/// <summary>
/// Accounts in <c>app_user</c>. Over <see cref="ScopedConnections"/> an admin sees and changes only the accounts of
/// his region (row-level security, migration 0004); the login path uses <see cref="OwnerConnections"/>, because a
/// login happens before anyone's region is known and needs the password hash, which request roles cannot read.
/// </summary>
public sealed class AccountStore(IConnectionSource connections)
{
    private const string Columns = """
        id, username, role, region_code, display_name, roster_ref, phone_enc, failed_attempts, locked_until,
        password_changed_at, disabled, created_at, created_by
        """;

    /// <exception cref="InvalidOperationException">The username is taken.</exception>
    /// <exception cref="UnauthorizedAccessException">The account's region is outside the caller's (refused by row-level security).</exception>
    public async Task<long> CreateAsync(NewAccount account, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO app_user (username, password_hash, role, region_code, display_name, roster_ref, phone_enc, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
            """, connection);
        command.Parameters.AddWithValue(account.Username);
        command.Parameters.AddWithValue(account.PasswordHash);
        command.Parameters.AddWithValue(account.Role.Name());
        command.Parameters.AddWithValue(account.Region.Prefix);
        command.Parameters.AddWithValue(account.DisplayName);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)account.RosterRef ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bytea, (object?)account.PhoneSealed ?? DBNull.Value);
        command.Parameters.AddWithValue(createdBy);
        try
        {
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException($"the username '{account.Username}' is taken", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new UnauthorizedAccessException($"region {account.Region} is outside your region", e);
        }
    }

    /// <summary>Accounts visible to the connection's scope, by username.</summary>
    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM app_user ORDER BY lower(username)", connection);
        var list = new List<Account>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader, 0));
        }
        return list;
    }

    /// <summary>The visible account with this username (case-insensitive), or null.</summary>
    public async Task<Account?> FindAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM app_user WHERE lower(username) = lower($1)", connection);
        command.Parameters.AddWithValue(username);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader, 0) : null;
    }

    /// <summary>Disables or re-enables a visible account; false when no such account is visible.</summary>
    public async Task<bool> SetDisabledAsync(string username, bool disabled, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("UPDATE app_user SET disabled = $2 WHERE lower(username) = lower($1)", connection);
        command.Parameters.AddWithValue(username);
        command.Parameters.AddWithValue(disabled);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Owner only: the account and its password hash for a login attempt, or null.</summary>
    public async Task<(Account Account, string PasswordHash)?> FindForLoginAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT password_hash, {Columns} FROM app_user WHERE lower(username) = lower($1)", connection);
        command.Parameters.AddWithValue(username);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (Read(reader, 1), reader.GetString(0)) : null;
    }

    /// <summary>
    /// Owner only: counts a failed login; the <paramref name="maxAttempts"/>-th failure locks the account until
    /// <paramref name="lockUntil"/> and starts the count again. Returns true when this failure locked it.
    /// </summary>
    public async Task<bool> RecordFailedLoginAsync(long id, int maxAttempts, DateTimeOffset lockUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            UPDATE app_user SET
                locked_until    = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_until END,
                failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END
            WHERE id = $1 RETURNING locked_until = $3
            """, connection);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(maxAttempts);
        command.Parameters.AddWithValue(lockUntil);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    /// <summary>Owner only: a successful login clears the failure count and any expired lock.</summary>
    public async Task RecordSuccessfulLoginAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = $1", connection);
        command.Parameters.AddWithValue(id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Owner only: stores a new password hash (a changed password, or a rehash at a higher cost).</summary>
    public async Task SetPasswordAsync(long id, string passwordHash, DateTimeOffset changedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("UPDATE app_user SET password_hash = $2, password_changed_at = $3 WHERE id = $1", connection);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(passwordHash);
        command.Parameters.AddWithValue(changedAt);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static Account Read(NpgsqlDataReader r, int o) => new(
        r.GetInt64(o), r.GetString(o + 1), Roles.Parse(r.GetString(o + 2)), RegionScope.Parse(r.GetString(o + 3)), r.GetString(o + 4),
        r.IsDBNull(o + 5) ? null : r.GetString(o + 5), r.IsDBNull(o + 6) ? null : r.GetFieldValue<byte[]>(o + 6), r.GetInt32(o + 7),
        r.IsDBNull(o + 8) ? null : r.GetFieldValue<DateTimeOffset>(o + 8), r.GetFieldValue<DateTimeOffset>(o + 9), r.GetBoolean(o + 10),
        r.GetFieldValue<DateTimeOffset>(o + 11), r.GetString(o + 12));

    internal const string SelectColumns = Columns;
}
