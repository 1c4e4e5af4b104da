using Gengbao.Security.Audit;
using Npgsql;

namespace Gengbao.Storage.Audit;

/// <summary>
/// Appends to and verifies the SM3-chained <c>audit_log</c> (owner connections; request roles have no access).
/// Appends are serialised by a transaction-scoped advisory lock, so seq has no gaps and every entry chains to
/// exactly one predecessor, even with several server instances.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    private const long AppendLockKey = 0x47656E6741756474; // "GengAudt"

    /// <summary>Appends one entry; returns its seq.</summary>
    public async Task<long> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long seq;
        string prev, detail;
        await using (var head = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AppendLockKey})", connection, transaction))
        {
            await head.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        // The detail is hashed in the text form jsonb gives back, which is what verify reads later.
        await using (var last = new NpgsqlCommand(
            "SELECT coalesce((SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1), 0), (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), $1::jsonb::text",
            connection, transaction))
        {
            last.Parameters.AddWithValue(record.DetailJson);
            await using var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            seq = reader.GetInt64(0) + 1;
            prev = reader.IsDBNull(1) ? AuditChain.Genesis : reader.GetString(1);
            detail = reader.GetString(2);
        }
        var entry = new AuditEntry(seq, AuditChain.Normalise(record.At), record.Actor, record.Role, record.Ip, record.Action, record.Target, detail);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO audit_log (seq, at, actor, role, ip, action, target, detail, prev_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue(entry.Seq);
            insert.Parameters.AddWithValue(entry.At);
            insert.Parameters.AddWithValue(entry.Actor);
            insert.Parameters.AddWithValue(entry.Role);
            insert.Parameters.AddWithValue(entry.Ip);
            insert.Parameters.AddWithValue(entry.Action);
            insert.Parameters.AddWithValue(entry.Target);
            insert.Parameters.AddWithValue(entry.Detail);
            insert.Parameters.AddWithValue(prev);
            insert.Parameters.AddWithValue(AuditChain.Hash(entry, prev));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return seq;
    }

    /// <summary>The last entry's seq and hash (the chain head), or null when the log is empty.</summary>
    public async Task<AuditAnchor?> HeadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT seq, hash, now() FROM audit_log ORDER BY seq DESC LIMIT 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AuditAnchor(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    /// <summary>
    /// Walks the whole chain in seq order, also against <paramref name="anchors"/> kept outside the database when
    /// given; returns the entry count and the first break, or null when whole.
    /// </summary>
    public async Task<(long Entries, AuditBreak? Break)> VerifyAsync(AuditAnchorCheck? anchors = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT seq, at, actor, role, ip, action, target, detail::text, prev_hash, hash FROM audit_log ORDER BY seq", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long count = 0;
        long last = 0;
        var walker = new AuditChainWalker();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            count++;
            var entry = new AuditEntry(reader.GetInt64(0), reader.GetFieldValue<DateTime>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7));
            var hash = reader.GetString(9);
            if ((walker.Next(entry, reader.GetString(8), hash) ?? anchors?.Entry(entry.Seq, hash)) is { } broken)
            {
                return (count, broken);
            }
            last = entry.Seq;
        }
        return (count, anchors?.End(last));
    }
}
