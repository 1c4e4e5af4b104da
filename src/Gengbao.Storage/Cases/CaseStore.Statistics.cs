using Gengbao.Cases;
using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>Case counts by source, state, township and month (China time); task timeliness; townships ranked.</summary>
public sealed record CaseStatistics(IReadOnlyDictionary<string, long> BySource, IReadOnlyDictionary<string, long> ByState,
    IReadOnlyDictionary<string, long> ByTownship, IReadOnlyDictionary<string, long> ByMonth, long TasksInTime, long TasksLate, double? InTimeRate,
    IReadOnlyList<TownshipRank> TownshipRanking);

/// <summary>A township's cases, closed cases, tasks done in time and late (done late or open past the deadline).</summary>
public sealed record TownshipRank(int Rank, string TownCode, long Cases, long Closed, long InTime, long Late, double? InTimeRate);

/// <summary>A spot check and its picks, with the seed and candidates needed to re-draw it (Gengbao.Cases.SpotCheckDraw).</summary>
public sealed record SpotCheckView(long Id, string CountyCode, string Seed, int Requested, IReadOnlyList<long> CandidateIds,
    IReadOnlyList<string> Inspectors, string DrawnBy, DateTimeOffset DrawnAt, IReadOnlyList<SpotCheckPickView> Picks);

public sealed record SpotCheckPickView(int Rank, long CaseId, string Inspector, string Score, string? Result);

public sealed partial class CaseStore
{
    public async Task<CaseStatistics> StatisticsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var bySource = await CountsAsync(connection, "SELECT kind, count(DISTINCT case_id) FROM case_source GROUP BY 1 ORDER BY 1", cancellationToken).ConfigureAwait(false);
        var byState = await CountsAsync(connection, "SELECT state, count(*) FROM problem_case GROUP BY 1 ORDER BY 1", cancellationToken).ConfigureAwait(false);
        var byTown = await CountsAsync(connection, "SELECT coalesce(town_code, ''), count(*) FROM problem_case GROUP BY 1 ORDER BY 1", cancellationToken).ConfigureAwait(false);
        var byMonth = await CountsAsync(connection,
            "SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), count(*) FROM problem_case GROUP BY 1 ORDER BY 1", cancellationToken).ConfigureAwait(false);
        var ranking = new List<TownshipRank>();
        long inTime = 0, late = 0;
        await using (var command = new NpgsqlCommand("""
            SELECT coalesce(c.town_code, ''), count(DISTINCT c.id), count(DISTINCT c.id) FILTER (WHERE c.state IN ('closed_legal', 'closed', 'archived')),
                   count(t.id) FILTER (WHERE t.state = 'done' AND t.done_at <= t.due_at),
                   count(t.id) FILTER (WHERE (t.state = 'done' AND t.done_at > t.due_at) OR (t.state = 'open' AND t.due_at < $1))
            FROM problem_case c LEFT JOIN case_task t ON t.case_id = c.id
            GROUP BY 1
            """, connection))
        {
            command.Parameters.AddWithValue(now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var (good, bad) = (reader.GetInt64(3), reader.GetInt64(4));
                inTime += good;
                late += bad;
                ranking.Add(new TownshipRank(0, reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), good, bad, Rate(good, bad)));
            }
        }
        // Best in-time rate first; townships with nothing due yet after those with a rate; then more closed cases.
        var ranked = ranking.OrderByDescending(r => r.InTimeRate ?? -1).ThenByDescending(r => r.Closed).ThenBy(r => r.TownCode, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 }).ToList();
        return new CaseStatistics(bySource, byState, byTown, byMonth, inTime, late, Rate(inTime, late), ranked);
    }

    /// <summary>
    /// Draws <paramref name="count"/> closed cases of <paramref name="countyCode"/> and pairs them with
    /// <paramref name="inspectors"/> (<see cref="SpotCheckDraw"/>); the seed and candidate ids are stored with the draw.
    /// </summary>
    public async Task<SpotCheckView> DrawSpotCheckAsync(string countyCode, int count, string seed, IReadOnlyList<string> inspectors, string drawnBy,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inspectors);
        if (count is < 1 or > 1000 || string.IsNullOrWhiteSpace(seed) || inspectors.Count == 0 || inspectors.Any(string.IsNullOrWhiteSpace))
        {
            throw new CaseException(CaseError.Invalid, "a spot check needs a count of 1..1000, a seed and at least one inspector");
        }
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var candidates = new List<long>();
        await using (var select = new NpgsqlCommand(
            "SELECT id FROM problem_case WHERE county_code = $1 AND state IN ('closed_legal', 'closed', 'archived') ORDER BY id", connection))
        {
            select.Parameters.AddWithValue(countyCode);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                candidates.Add(reader.GetInt64(0));
            }
        }
        if (candidates.Count == 0)
        {
            throw new CaseException(CaseError.Invalid, $"county {countyCode} has no closed case in your region to draw from");
        }
        var keys = candidates.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var drawnInspectors = SpotCheckDraw.Draw(seed, inspectors, inspectors.Count);
        var pairs = SpotCheckDraw.Pair(SpotCheckDraw.Draw(seed, keys, count), drawnInspectors);
        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO spot_check (county_code, seed, requested, candidate_ids, inspectors, drawn_by, drawn_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, connection))
        {
            insert.Parameters.AddWithValue(countyCode);
            insert.Parameters.AddWithValue(seed);
            insert.Parameters.AddWithValue(count);
            insert.Parameters.AddWithValue(candidates.ToArray());
            insert.Parameters.AddWithValue(inspectors.ToArray());
            insert.Parameters.AddWithValue(drawnBy);
            insert.Parameters.AddWithValue(now);
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        for (var i = 0; i < pairs.Count; i++)
        {
            await using var pick = new NpgsqlCommand(
                "INSERT INTO spot_check_pick (county_code, spot_check_id, rank, case_id, inspector, score) VALUES ($1, $2, $3, $4, $5, $6)", connection);
            pick.Parameters.AddWithValue(countyCode);
            pick.Parameters.AddWithValue(id);
            pick.Parameters.AddWithValue(i + 1);
            pick.Parameters.AddWithValue(long.Parse(pairs[i].Case, System.Globalization.CultureInfo.InvariantCulture));
            pick.Parameters.AddWithValue(pairs[i].Inspector);
            pick.Parameters.AddWithValue(SpotCheckDraw.Score(seed, pairs[i].Case));
            await pick.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await SpotCheckAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SpotCheckView> SpotCheckAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var picks = await ReadAsync(connection, "SELECT rank, case_id, inspector, score, result FROM spot_check_pick WHERE spot_check_id = $1 ORDER BY rank", id,
            r => new SpotCheckPickView(r.GetInt32(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)), cancellationToken).ConfigureAwait(false);
        var checks = await ReadAsync(connection, "SELECT county_code, seed, requested, candidate_ids, inspectors, drawn_by, drawn_at FROM spot_check WHERE id = $1", id,
            r => new SpotCheckView(id, r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetFieldValue<long[]>(3), r.GetFieldValue<string[]>(4), r.GetString(5),
                r.GetFieldValue<DateTimeOffset>(6), picks), cancellationToken).ConfigureAwait(false);
        return checks.SingleOrDefault() ?? throw new CaseException(CaseError.NotFound, $"no spot check {id} in your region");
    }

    /// <summary>Records the inspector's result for one pick (published with the draw).</summary>
    public async Task<SpotCheckView> RecordSpotCheckResultAsync(long id, int rank, string result, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(result))
        {
            throw new CaseException(CaseError.Invalid, "result is required");
        }
        await using (var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var update = new NpgsqlCommand("UPDATE spot_check_pick SET result = $3 WHERE spot_check_id = $1 AND rank = $2", connection))
        {
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(rank);
            update.Parameters.AddWithValue(result);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new CaseException(CaseError.NotFound, $"no pick {rank} of spot check {id} in your region");
            }
        }
        return await SpotCheckAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the caller's open tasks past their deadline as escalated one grid level up (CaseIntake.EscalateAsync for the owner).</summary>
    public Task<IReadOnlyList<EscalatedTask>> EscalateAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        CaseTasks.EscalateAsync(connections, now, cancellationToken);

    private static double? Rate(long good, long bad) => good + bad == 0 ? null : Math.Round((double)good / (good + bad), 4);

    private static async Task<IReadOnlyDictionary<string, long>> CountsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }
}
