using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Gengbao.Patrol.Tasks;
using Gengbao.Patrol.Tracks;
using Npgsql;

namespace Gengbao.Storage.Patrol;

/// <summary>The answer to a batch upload: <see cref="Stored"/> is false when the same batch had been stored before (a retry).</summary>
public sealed record BatchResult(long TaskId, Guid BatchId, int Points, bool Stored);

/// <summary>
/// Track batches in and replay out. A batch is all or nothing: its points are validated first, then the batch row and
/// the points (one INSERT from arrays) are written in one transaction, so an acknowledged batch is whole and an interrupted one
/// left nothing. The client's batch id makes a retry harmless; the same id with other points is a conflict.
/// </summary>
public sealed class TrackStore(IConnectionSource connections, TimeProvider time, TrackPartitions? partitions = null)
{
    /// <summary>Larger uploads must be split; 10,000 fixes is almost three hours at one per second.</summary>
    public const int MaxPointsPerBatch = 10_000;

    private readonly TrackPartitions _partitions = partitions ?? new TrackPartitions();

    public async Task<BatchResult> IngestAsync(long taskId, Guid batchId, IReadOnlyList<TrackPoint> points, string source = "app",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var now = time.GetUtcNow();
        if (batchId == Guid.Empty)
        {
            throw new PatrolException(PatrolError.Invalid, "batchId is missing: the client makes one per batch (a UUID) and reuses it on retry");
        }
        if (points.Count is 0 or > MaxPointsPerBatch)
        {
            throw new PatrolException(PatrolError.Invalid, $"batch {batchId}: {points.Count} points; send 1 to {MaxPointsPerBatch} per batch");
        }
        var problems = PointValidator.Validate(points, now);
        if (problems.Count > 0)
        {
            throw new PatrolException(PatrolError.Invalid, $"batch {batchId}: {problems.Count} bad point(s); nothing was stored",
                problems.Select(p => $"batch {batchId}: {p}").ToList());
        }
        var (county, cell, state, due) = await TaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        var hash = Hash(points);
        foreach (var month in points.Select(p => DateOnly.FromDateTime(p.Time.UtcDateTime)).Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct())
        {
            await EnsurePartitionAsync(county, month, cancellationToken).ConfigureAwait(false);
        }

        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO track_batch (county_code, task_id, batch_id, cell_code, point_count, content_sha256, first_time, last_time, source, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue(county);
            insert.Parameters.AddWithValue(taskId);
            insert.Parameters.AddWithValue(batchId);
            insert.Parameters.AddWithValue(cell);
            insert.Parameters.AddWithValue(points.Count);
            insert.Parameters.AddWithValue(hash);
            insert.Parameters.AddWithValue(points.Min(p => p.Time).UtcDateTime);
            insert.Parameters.AddWithValue(points.Max(p => p.Time).UtcDateTime);
            insert.Parameters.AddWithValue(source);
            insert.Parameters.AddWithValue(now.UtcDateTime);
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                await using var existing = new NpgsqlCommand("SELECT content_sha256 FROM track_batch WHERE county_code = $1 AND task_id = $2 AND batch_id = $3", connection, transaction);
                existing.Parameters.AddWithValue(county);
                existing.Parameters.AddWithValue(taskId);
                existing.Parameters.AddWithValue(batchId);
                var stored = (string)(await existing.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                if (!string.Equals(stored, hash, StringComparison.Ordinal))
                {
                    throw new PatrolException(PatrolError.Conflict,
                        $"batch {batchId} of task {taskId} was already stored with different points; a new batch needs a new batchId");
                }
                return new BatchResult(taskId, batchId, points.Count, Stored: false);
            }
        }
        // INSERT from arrays, not COPY: requests write as gengbao_web under row-level security, which COPY FROM refuses.
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO track_point (county_code, cell_code, task_id, batch_id, seq, time, lon, lat, accuracy, altitude)
            SELECT $1, $2, $3, $4, p.seq - 1, p.time, p.lon, p.lat, p.accuracy, p.altitude
            FROM unnest($5::timestamptz[], $6::float8[], $7::float8[], $8::real[], $9::real[]) WITH ORDINALITY
                 AS p (time, lon, lat, accuracy, altitude, seq)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue(county);
            insert.Parameters.AddWithValue(cell);
            insert.Parameters.AddWithValue(taskId);
            insert.Parameters.AddWithValue(batchId);
            insert.Parameters.AddWithValue(points.Select(p => p.Time.UtcDateTime).ToArray());
            insert.Parameters.AddWithValue(points.Select(p => p.Lon).ToArray());
            insert.Parameters.AddWithValue(points.Select(p => p.Lat).ToArray());
            insert.Parameters.AddWithValue(points.Select(p => p.Accuracy is { } a ? (float?)a : null).ToArray());
            insert.Parameters.AddWithValue(points.Select(p => p.Altitude is { } h ? (float?)h : null).ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        // The first points start the patrol; a finished or overdue task keeps its state (late points are still kept).
        if (TaskStateRules.CheckTransition(state, PatrolTaskState.InProgress, due, now) is null && state != PatrolTaskState.InProgress)
        {
            await using var start = new NpgsqlCommand("UPDATE patrol_task SET state = 'in_progress', state_changed_at = $3 WHERE county_code = $1 AND id = $2", connection, transaction);
            start.Parameters.AddWithValue(county);
            start.Parameters.AddWithValue(taskId);
            start.Parameters.AddWithValue(now.UtcDateTime);
            await start.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BatchResult(taskId, batchId, points.Count, Stored: true);
    }

    /// <summary>Every stored fix of a task in time order (ties in batch and upload order).</summary>
    public async Task<IReadOnlyList<TrackPoint>> ReadAsync(long taskId, CancellationToken cancellationToken = default)
    {
        var (county, _, _, _) = await TaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT p.lon, p.lat, p.accuracy, p.altitude, p.time
            FROM track_point p JOIN track_batch b ON b.county_code = p.county_code AND b.task_id = p.task_id AND b.batch_id = p.batch_id
            WHERE p.county_code = $1 AND p.task_id = $2
            ORDER BY p.time, b.received_at, p.batch_id, p.seq
            """);
        command.Parameters.AddWithValue(county);
        command.Parameters.AddWithValue(taskId);
        var points = new List<TrackPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            points.Add(new TrackPoint(reader.GetDouble(0), reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetFloat(2),
                reader.IsDBNull(3) ? null : reader.GetFloat(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return points;
    }

    /// <summary>
    /// SHA-256 of the batch's points as stored (accuracy and altitude as float4): a retry of the same upload hashes
    /// the same, a different upload under the same id does not.
    /// </summary>
    public static string Hash(IReadOnlyList<TrackPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var buffer = new byte[points.Count * 34];
        var span = buffer.AsSpan();
        foreach (var p in points)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span, p.Lon);
            BinaryPrimitives.WriteDoubleLittleEndian(span[8..], p.Lat);
            BinaryPrimitives.WriteSingleLittleEndian(span[16..], p.Accuracy is { } a ? (float)a : float.NaN);
            BinaryPrimitives.WriteSingleLittleEndian(span[20..], p.Altitude is { } h ? (float)h : float.NaN);
            BinaryPrimitives.WriteInt64LittleEndian(span[24..], p.Time.UtcTicks / 10); // microseconds, PostgreSQL's resolution
            span[32] = (byte)(p.Accuracy is null ? 1 : 0);
            span[33] = (byte)(p.Altitude is null ? 1 : 0);
            span = span[34..];
        }
        return Convert.ToHexString(SHA256.HashData(buffer));
    }

    private async Task<(string County, string Cell, PatrolTaskState State, DateTimeOffset Due)> TaskAsync(long taskId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT county_code, cell_code, state, due_at FROM patrol_task WHERE id = $1");
        command.Parameters.AddWithValue(taskId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new PatrolException(PatrolError.NotFound, $"no patrol task {taskId}");
        }
        return (reader.GetString(0), reader.GetString(1), PatrolTaskStates.Parse(reader.GetString(2)), reader.GetFieldValue<DateTimeOffset>(3));
    }

    /// <summary>Creates the month × county partition once per process (the SQL function is idempotent and locked).</summary>
    private async Task EnsurePartitionAsync(string county, DateOnly month, CancellationToken cancellationToken)
    {
        if (_partitions.Known(county, month))
        {
            return;
        }
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT patrol_ensure_track_partition($1, $2)");
        command.Parameters.AddWithValue(county);
        command.Parameters.AddWithValue(month);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _partitions.Add(county, month);
    }

}

/// <summary>
/// The month × county partitions of <c>track_point</c> known to exist, shared by the stores of one process (one
/// database) so a request does not ask PostgreSQL again for every batch.
/// </summary>
public sealed class TrackPartitions
{
    private readonly ConcurrentDictionary<(string County, DateOnly Month), bool> _known = new();

    public bool Known(string county, DateOnly month) => _known.ContainsKey((county, month));

    public void Add(string county, DateOnly month) => _known[(county, month)] = true;
}
