using Gengbao.Storage.Database;
using System.Text.Json.Nodes;
using Gengbao.Storage.Screening;
using Gengbao.Storage.Security;
using Npgsql;
using NpgsqlTypes;

namespace Gengbao.Storage.Comparison;

/// <summary>
/// The queue of survey-year comparisons (<c>comparison_run</c>): queued by requests over the caller's scoped
/// connections, claimed by workers with <c>FOR UPDATE SKIP LOCKED</c> like screening runs.
/// </summary>
public sealed class ComparisonQueue(IConnectionSource connections)
{
    private const string Columns = """
        id, county_code, before_year, after_year, status, requested_by, requested_at, started_at, finished_at, stage,
        engine_version, input_versions::text, before_area, after_area, common_area, sliver_count, matrix_rows, change_pieces, error
        """;

    /// <summary>Queues a comparison of <paramref name="countyCode"/> between two stored survey years.</summary>
    /// <exception cref="ArgumentException">The years are not in order, or one of them has no DLTB stored for the county.</exception>
    public async Task<ComparisonRun> EnqueueAsync(string countyCode, int beforeYear, int afterYear, string requestedBy, CancellationToken cancellationToken = default)
    {
        if (afterYear <= beforeYear)
        {
            throw new ArgumentException($"the after year ({afterYear}) must be later than the before year ({beforeYear})");
        }
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            WITH stored AS (
                SELECT array_agg(year) AS years FROM layer_version WHERE layer = 'DLTB' AND status = 'current' AND county_code = $1 AND year IN ($2, $3)
            )
            INSERT INTO comparison_run (county_code, before_year, after_year, requested_by)
            SELECT $1, $2, $3, $4 FROM stored WHERE cardinality(years) = 2
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(countyCode);
        command.Parameters.AddWithValue(beforeYear);
        command.Parameters.AddWithValue(afterYear);
        command.Parameters.AddWithValue(requestedBy);
        var run = (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault()
            ?? throw new ArgumentException($"county {countyCode} does not have land-use patches (DLTB) stored for both {beforeYear} and {afterYear}");
        await AnalysisJobs.NotifyAsync(connection, cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <summary>Takes the oldest queued (or orphaned) comparison, or null.</summary>
    public async Task<ComparisonRun?> ClaimAsync(string worker, long? onlyRunId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = AnalysisJobs.ClaimCommand(connection, "comparison_run", Columns, worker, onlyRunId);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>One run, or null.</summary>
    public async Task<ComparisonRun?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM comparison_run WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    internal static async Task<IReadOnlyList<ComparisonRun>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<ComparisonRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            T? Get<T>(int i) where T : struct => reader.IsDBNull(i) ? null : reader.GetFieldValue<T>(i);
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            runs.Add(new ComparisonRun(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), Get<DateTimeOffset>(7), Get<DateTimeOffset>(8), Text(9), Text(10),
                Text(11) is { } json ? JsonNode.Parse(json)!.AsObject() : null, Get<decimal>(12), Get<decimal>(13), Get<decimal>(14),
                Get<int>(15), Get<int>(16), Get<int>(17), Text(18)));
        }
        return runs;
    }
}
