using Gengbao.Security.Crypto;
using Gengbao.Storage.Cases;
using Gengbao.Storage.Patrol;
using Npgsql;

namespace Gengbao.Storage.Security;

/// <summary>A column holding SM4-GCM values (<see cref="FieldCipher"/>), with the blind index kept beside it, if any.</summary>
public sealed record SealedColumn(string Table, string Column, string Context, string? IndexColumn = null);

/// <summary>
/// Re-seals every personal field with the ring's current key after a rotation (<see cref="FieldKeyFile.AddKey"/>), in
/// one transaction: all values move to the new key and blind indexes are recomputed, or nothing changes.
/// </summary>
public static class FieldKeyRotation
{
    /// <summary>Every sealed column of the schema; a test checks that each bytea column named *_enc is listed.</summary>
    public static IReadOnlyList<SealedColumn> Columns { get; } =
    [
        new("app_user", "phone_enc", "app_user.phone"),
        new("public_clue", "contact_enc", PublicClueStore.ContactContext),
        new("patrol_roster", "person_name_enc", RosterSealing.NameContext),
        new("patrol_roster", "phone_enc", RosterSealing.PhoneContext, IndexColumn: "phone_index"),
    ];

    /// <summary>Moves every value not under <paramref name="ring"/>'s current key to it; returns the count per column.</summary>
    public static async Task<IReadOnlyList<(SealedColumn Column, int Resealed)>> ResealAsync(NpgsqlDataSource owner, FieldCipher ring,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(ring);
        var counts = new List<(SealedColumn, int)>();
        await using var connection = await owner.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var column in Columns)
        {
            // Identifiers come from the fixed list above, never from input.
            var rows = new List<(string Row, byte[] Value)>();
            await using (var read = new NpgsqlCommand(
                $"SELECT ctid::text, {column.Column} FROM {column.Table} WHERE {column.Column} IS NOT NULL FOR UPDATE", connection, transaction))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
                }
            }
            var resealed = 0;
            await using var write = new NpgsqlCommand(column.IndexColumn is null
                ? $"UPDATE {column.Table} SET {column.Column} = $1 WHERE ctid = $2::tid"
                : $"UPDATE {column.Table} SET {column.Column} = $1, {column.IndexColumn} = $3 WHERE ctid = $2::tid", connection, transaction);
            foreach (var (row, value) in rows)
            {
                if (FieldCipher.KeyIdOf(value) == ring.CurrentKeyId)
                {
                    continue;
                }
                var plain = ring.Decrypt(value, column.Context);
                write.Parameters.Clear();
                write.Parameters.AddWithValue(ring.Encrypt(plain, column.Context));
                write.Parameters.AddWithValue(row);
                if (column.IndexColumn is not null)
                {
                    write.Parameters.AddWithValue(ring.BlindIndex(plain.Trim(), column.Context));
                }
                await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                resealed++;
            }
            counts.Add((column, resealed));
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return counts;
    }
}
