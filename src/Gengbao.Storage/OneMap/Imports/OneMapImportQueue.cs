using System.Text.Json;
using Gengbao.Storage.Database;
using Gengbao.Storage.Screening;
using Gengbao.Storage.Security;
using Npgsql;
using NpgsqlTypes;

namespace Gengbao.Storage.OneMap.Imports;

/// <summary>
/// The queue of one-map imports (<c>onemap_import_job</c>). Requests enqueue, list and read over the caller's scoped
/// connections (row-level security: a region admin sees his region's jobs only); the worker claims with
/// <c>FOR UPDATE SKIP LOCKED</c> like screening runs and reports over owner connections.
/// </summary>
public sealed class OneMapImportQueue(IConnectionSource connections)
{
    /// <summary>The channel import workers <c>LISTEN</c> on (its own, so a long import never delays a screening run).</summary>
    public const string Channel = "gengbao_imports";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        id, requested_by, region_code, file_name, stored_name, file_bytes, file_sha256, options::text, status, stage, layer,
        progress_done, progress_total, requested_at, started_at, finished_at, heartbeat_at, layers::text, problems::text, error, file_removed_at
        """;

    /// <summary>Records an uploaded file as queued and wakes the workers (the region must be one the caller covers: RLS).</summary>
    public async Task<OneMapImportJob> EnqueueAsync(NewImportJob job, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            INSERT INTO onemap_import_job (requested_by, region_code, file_name, stored_name, file_bytes, file_sha256, options)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(job.RequestedBy);
        command.Parameters.AddWithValue(job.RegionCode);
        command.Parameters.AddWithValue(job.FileName);
        command.Parameters.AddWithValue(job.StoredName);
        command.Parameters.AddWithValue(job.FileBytes);
        command.Parameters.AddWithValue(job.FileSha256);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(job.Options, Json));
        var queued = (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).Single();
        await connection.ExecuteAsync($"SELECT pg_notify('{Channel}', '')", cancellationToken).ConfigureAwait(false);
        return queued;
    }

    /// <summary>The most recent jobs the caller may see, newest first.</summary>
    public async Task<IReadOnlyList<OneMapImportJob>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM onemap_import_job ORDER BY id DESC LIMIT $1");
        command.Parameters.AddWithValue(limit);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One job, or null when there is none the caller may see.</summary>
    public async Task<OneMapImportJob?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM onemap_import_job WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>Takes the oldest queued (or orphaned) job for <paramref name="worker"/>, or null (owner connections).</summary>
    public async Task<OneMapImportJob?> ClaimAsync(string worker, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = AnalysisJobs.ClaimCommand(connection, "onemap_import_job", Columns, worker, null,
            ", stage = 'claimed', layer = NULL, progress_done = 0, progress_total = NULL, layers = NULL, problems = NULL");
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>Writes the stage and progress of a running job and beats its heartbeat.</summary>
    public async Task ReportAsync(long id, string stage, string? layer, long done, long? total, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            UPDATE onemap_import_job SET stage = $2, layer = $3, progress_done = $4, progress_total = $5, heartbeat_at = now()
            WHERE id = $1 AND status = 'running'
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(stage);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)layer ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(done);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)total ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a job: done with the layer versions written, or failed with its problems and a one-line error; the last
    /// progress seen is written too (a job shorter than one report interval would otherwise end showing none).
    /// </summary>
    public async Task<OneMapImportJob> FinishAsync(long id, IReadOnlyList<ImportedLayer>? layers, IReadOnlyList<ImportJobProblem>? problems,
        string? error, bool fileRemoved, (string? Layer, long Done, long? Total) progress, CancellationToken cancellationToken = default)
    {
        var failed = error is not null;
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            UPDATE onemap_import_job SET status = $2, stage = $2, finished_at = now(), heartbeat_at = now(), layers = $3, problems = $4, error = $5,
                layer = $7, progress_done = $8, progress_total = $9, file_removed_at = CASE WHEN $6 THEN now() END
            WHERE id = $1 RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(failed ? "failed" : "done");
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, layers is null ? DBNull.Value : JsonSerializer.Serialize(layers, Json));
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, problems is null ? DBNull.Value : JsonSerializer.Serialize(problems, Json));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(fileRemoved);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)progress.Layer ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(progress.Done);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)progress.Total ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).Single();
    }

    private static async Task<IReadOnlyList<OneMapImportJob>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var jobs = new List<OneMapImportJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            T? Get<T>(int i) where T : struct => reader.IsDBNull(i) ? null : reader.GetFieldValue<T>(i);
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            jobs.Add(new OneMapImportJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5), reader.GetString(6), JsonSerializer.Deserialize<ImportJobOptions>(reader.GetString(7), Json)!,
                reader.GetString(8), Text(9), Text(10), reader.GetInt64(11), Get<long>(12), reader.GetFieldValue<DateTimeOffset>(13),
                Get<DateTimeOffset>(14), Get<DateTimeOffset>(15), Get<DateTimeOffset>(16),
                Text(17) is { } layers ? JsonSerializer.Deserialize<List<ImportedLayer>>(layers, Json) : null,
                Text(18) is { } problems ? JsonSerializer.Deserialize<List<ImportJobProblem>>(problems, Json) : null,
                Text(19), Get<DateTimeOffset>(20)));
        }
        return jobs;
    }
}
