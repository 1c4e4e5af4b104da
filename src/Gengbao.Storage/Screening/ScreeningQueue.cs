using Gengbao.Storage.Database;
using System.Text.Json.Nodes;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Screening;

/// <summary>
/// The queue of screening runs in <c>screening_run</c>. Workers in any number of processes claim runs with
/// <c>FOR UPDATE SKIP LOCKED</c>, so a run is taken once; a worker that dies leaves a stale heartbeat and its run is
/// queued again.
/// </summary>
public sealed class ScreeningQueue(IConnectionSource connections)
{
    /// <summary>As the owner, unscoped: for the CLI and background jobs.</summary>
    public ScreeningQueue(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    private const string Columns = """
        id, county_code, year, status, trigger, reason, patch_fids, requested_by, requested_at, started_at, finished_at,
        progress_done, progress_total, engine_version, input_versions::text, green_count, yellow_count, error
        """;

    /// <summary>
    /// Queues a full run for every county under <paramref name="region"/> (a county code or a prefix of one: 2 or 4
    /// digits) that has change patches of <paramref name="year"/>. Returns the runs, by county; none when there are no patches.
    /// </summary>
    /// <exception cref="ArgumentException">The region is not 2, 4 or 6 digits.</exception>
    public async Task<IReadOnlyList<QueuedRun>> EnqueueAsync(string region, int year, string requestedBy, CancellationToken cancellationToken = default)
    {
        if (region.Length is not (2 or 4 or 6) || !region.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"region '{region}' must be a province (2 digits), prefecture (4) or county (6) code", nameof(region));
        }
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            INSERT INTO screening_run (county_code, year, trigger, reason, requested_by)
            SELECT county_code, year, 'manual', 'requested for ' || $1, $3 FROM layer_version
            WHERE layer = 'BHTB' AND status = 'current' AND year = $2 AND county_code LIKE $1 || '%'
            ORDER BY county_code
            RETURNING id, county_code, year, reason
            """);
        command.Parameters.AddWithValue(region);
        command.Parameters.AddWithValue(year);
        command.Parameters.AddWithValue(requestedBy);
        var runs = new List<QueuedRun>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(new QueuedRun(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), null, reader.GetString(3)));
            }
        }
        if (runs.Count > 0)
        {
            await AnalysisJobs.NotifyAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        return runs.OrderBy(r => r.CountyCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Takes the oldest queued run (or one whose worker stopped beating), marks it running for <paramref name="worker"/>
    /// and returns it; null when there is nothing to do. <paramref name="onlyRunId"/> restricts the claim to one run.
    /// </summary>
    public async Task<ScreeningRun?> ClaimAsync(string worker, long? onlyRunId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = AnalysisJobs.ClaimCommand(connection, "screening_run", Columns, worker, onlyRunId, reset: ", progress_done = 0");
        return (await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>One run, or null.</summary>
    public async Task<ScreeningRun?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM screening_run WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>The latest runs of the counties under <paramref name="region"/> (a code prefix; empty for all), newest first.</summary>
    public async Task<IReadOnlyList<ScreeningRun>> ListAsync(string region, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT {Columns} FROM screening_run WHERE county_code LIKE left($1, 6) || '%' ORDER BY id DESC LIMIT $2
            """);
        command.Parameters.AddWithValue(region);
        command.Parameters.AddWithValue(limit);
        return await ReadRunsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ScreeningRun>> ReadRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<ScreeningRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new ScreeningRun(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<long[]>(6), reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8), Nullable<DateTimeOffset>(reader, 9), Nullable<DateTimeOffset>(reader, 10),
                reader.GetInt64(11), Nullable<long>(reader, 12), reader.IsDBNull(13) ? null : reader.GetString(13),
                reader.IsDBNull(14) ? null : JsonNode.Parse(reader.GetString(14))!.AsObject(),
                Nullable<long>(reader, 15), Nullable<long>(reader, 16), reader.IsDBNull(17) ? null : reader.GetString(17)));
        }
        return runs;
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
