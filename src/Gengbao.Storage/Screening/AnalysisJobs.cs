using Gengbao.Storage.Database;
using Npgsql;

namespace Gengbao.Storage.Screening;

/// <summary>
/// The queues of analysis jobs (screening and comparison runs): how a job is announced to the workers, and how a
/// worker takes one from its table: the oldest queued one, or one whose worker stopped beating for
/// <see cref="StaleAfter"/>, locked with <c>FOR UPDATE SKIP LOCKED</c> so concurrent workers never take the same job.
/// </summary>
public static class AnalysisJobs
{
    /// <summary>The channel workers <c>LISTEN</c> on; a job queued is announced there.</summary>
    public const string Channel = "gengbao_jobs";

    /// <summary>A running job whose heartbeat is older than this is taken to be orphaned by a dead worker.</summary>
    internal static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The claiming UPDATE on <paramref name="table"/> for <paramref name="worker"/>, returning <paramref name="columns"/>;
    /// <paramref name="reset"/> adds assignments (e.g. progress) made afresh on each claim.
    /// </summary>
    internal static NpgsqlCommand ClaimCommand(NpgsqlConnection connection, string table, string columns, string worker, long? onlyRunId, string reset = "")
    {
        var command = connection.Command($"""
            UPDATE {table} SET status = 'running', worker = $1, started_at = now(), heartbeat_at = now(), error = NULL{reset}
            WHERE id = (
                SELECT id FROM {table}
                WHERE (status = 'queued' OR (status = 'running' AND heartbeat_at < now() - $2::interval))
                  AND ($3::bigint IS NULL OR id = $3)
                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING {columns}
            """);
        command.Parameters.AddWithValue(worker);
        command.Parameters.AddWithValue(StaleAfter);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)onlyRunId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        return command;
    }

    /// <summary>Wakes the workers (delivered when the caller's transaction commits).</summary>
    internal static Task NotifyAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync($"SELECT pg_notify('{Channel}', '')", cancellationToken);
}
