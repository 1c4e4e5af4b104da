using Gengbao.Security.Crypto;
using Npgsql;

namespace Gengbao.Storage.Patrol;

/// <summary>
/// How roster names and phones are kept at rest: SM4-GCM with the field key (outside the database) and an HMAC-SM3
/// blind index of the phone, so tasks and warnings can still be found by phone and people counted once.
/// </summary>
public static class RosterSealing
{
    public const string NameContext = "patrol_roster.person_name";
    public const string PhoneContext = "patrol_roster.phone";

    public static byte[] PhoneIndex(FieldCipher cipher, string phone)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        return cipher.BlindIndex(phone.Trim(), PhoneContext);
    }

    /// <summary>The blind index of a phone a caller filters by, or null when there is no filter.</summary>
    public static byte[]? PhoneIndexOrNull(FieldCipher cipher, string? phone) =>
        string.IsNullOrWhiteSpace(phone) ? null : PhoneIndex(cipher, phone);

    public static string? OpenName(FieldCipher cipher, NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : cipher.Decrypt(reader.GetFieldValue<byte[]>(ordinal), NameContext);

    public static string? OpenPhone(FieldCipher cipher, NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : cipher.Decrypt(reader.GetFieldValue<byte[]>(ordinal), PhoneContext);

    /// <summary>
    /// Seals rows written before migration 0014 (plaintext name and phone) in one transaction and then validates the
    /// constraint that keeps them sealed; returns the number of rows sealed. Runs as the owner at start-up; a no-op
    /// once done.
    /// </summary>
    public static async Task<int> SealPlaintextRowsAsync(NpgsqlDataSource owner, FieldCipher cipher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(cipher);
        await using var connection = await owner.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Once validated, the constraint itself guarantees there is nothing to seal: no roster scan at every start.
        if (await IsValidatedAsync(connection, null, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(string County, long Id, string Name, string Phone)>();
        await using (var read = new NpgsqlCommand(
            "SELECT county_code, id, person_name, phone FROM patrol_roster WHERE person_name IS NOT NULL OR phone IS NOT NULL FOR UPDATE", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2), reader.IsDBNull(3) ? "" : reader.GetString(3)));
            }
        }
        if (rows.Count > 0)
        {
            await using var write = new NpgsqlCommand("""
                UPDATE patrol_roster r SET person_name = NULL, phone = NULL,
                       person_name_enc = s.name_enc, phone_enc = s.phone_enc, phone_index = s.phone_index
                FROM unnest($1::text[], $2::bigint[], $3::bytea[], $4::bytea[], $5::bytea[]) AS s (county, id, name_enc, phone_enc, phone_index)
                WHERE r.county_code = s.county AND r.id = s.id
                """, connection, transaction);
            write.Parameters.AddWithValue(rows.Select(r => r.County).ToArray());
            write.Parameters.AddWithValue(rows.Select(r => r.Id).ToArray());
            write.Parameters.AddWithValue(rows.Select(r => cipher.Encrypt(r.Name, NameContext)).ToArray());
            write.Parameters.AddWithValue(rows.Select(r => cipher.Encrypt(r.Phone, PhoneContext)).ToArray());
            write.Parameters.AddWithValue(rows.Select(r => PhoneIndex(cipher, r.Phone)).ToArray());
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (!await IsValidatedAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            await using var alter = new NpgsqlCommand("ALTER TABLE patrol_roster VALIDATE CONSTRAINT patrol_roster_sealed", connection, transaction);
            await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    private static async Task<bool> IsValidatedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT convalidated FROM pg_constraint WHERE conname = 'patrol_roster_sealed' AND conrelid = 'patrol_roster'::regclass
            """, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }
}
