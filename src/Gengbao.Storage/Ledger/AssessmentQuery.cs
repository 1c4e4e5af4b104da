using Gengbao.Ledger.Accounts;
using Gengbao.Ledger.Assessment;
using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Ledger;

/// <summary>
/// The inputs of the assessment (<see cref="AssessmentRules"/>) for ledgers of one level: targets from
/// <c>protection_target</c>, patrol completion from <c>patrol_task</c> through the view <c>ledger_patrol_stats</c> (tasks due in the period: completed vs completed +
/// incomplete + overdue), case handling from the seam view <c>ledger_case_stats</c> (no rows: item left out).
/// </summary>
public sealed class AssessmentQuery(IConnectionSource connections)
{
    /// <summary>As the owner: CLI.</summary>
    public AssessmentQuery(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    private const string TargetsSql = "SELECT unit_code, cultivated_target_m2, pbf_target_m2 FROM protection_target WHERE year = $1 AND unit_code = ANY($2)";

    private const string PatrolSql = """
        SELECT left(cell_code, $3), count(*) FILTER (WHERE state IN ('completed', 'incomplete', 'overdue')), count(*) FILTER (WHERE state = 'completed')
        FROM ledger_patrol_stats WHERE county_code LIKE $1 AND cell_code LIKE $2 AND due_at >= $4 AND due_at < $5 GROUP BY 1
        """;

    private const string CasesSql = """
        SELECT left(unit_code, $3), sum(cases_total)::bigint, sum(cases_closed)::bigint
        FROM ledger_case_stats WHERE county_code LIKE $1 AND unit_code LIKE $2 AND year = $4 GROUP BY 1
        """;

    /// <summary>Scores the ledgers (all of one level, under <paramref name="parentCode"/>) for the period [from, to).</summary>
    public async Task<IReadOnlyList<AssessmentScore>> RunAsync(string parentCode, IReadOnlyList<UnitLedger> ledgers, int year, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        if (ledgers.Count == 0)
        {
            return [];
        }
        var length = LedgerQuery.PrefixLength(Gengbao.Geo.Codes.AdminCode.LevelOf(ledgers[0].UnitCode));
        var parent = LedgerQuery.Normalise(parentCode);
        var prefix = parent[..LedgerQuery.PrefixLength(Gengbao.Geo.Codes.AdminCode.LevelOf(parent))];
        var countyLike = (prefix.Length >= 6 ? prefix[..6] : prefix) + "%";
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var targets = new Dictionary<string, (decimal?, decimal?)>(StringComparer.Ordinal);
        await using (var command = connection.Command(TargetsSql))
        {
            command.Parameters.AddWithValue(year);
            command.Parameters.AddWithValue(ledgers.Select(l => l.UnitCode).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                targets[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetDecimal(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2));
            }
        }
        var patrol = await CountsAsync(connection, PatrolSql, countyLike, prefix + "%", length, cancellationToken, from.ToUniversalTime(), to.ToUniversalTime()).ConfigureAwait(false);
        var cases = await CountsAsync(connection, CasesSql, countyLike, prefix + "%", length, cancellationToken, year).ConfigureAwait(false);
        return AssessmentRules.Rank(ledgers.Select(l =>
        {
            var key = l.UnitCode[..length];
            var (ct, pt) = targets.GetValueOrDefault(l.UnitCode);
            var (due, done) = patrol.GetValueOrDefault(key);
            (long, long)? c = cases.TryGetValue(key, out var v) ? v : null;
            return new AssessmentInput(l.UnitCode, l.UnitName, l.Stock.Cultivated, l.Stock.Pbf, ct, pt, due, done, c?.Item1, c?.Item2);
        }));
    }

    private static async Task<Dictionary<string, (long, long)>> CountsAsync(NpgsqlConnection connection, string sql, string countyLike, string codeLike, int length,
        CancellationToken cancellationToken, params object[] more)
    {
        await using var command = connection.Command(sql);
        command.Parameters.AddWithValue(countyLike);
        command.Parameters.AddWithValue(codeLike);
        command.Parameters.AddWithValue(length);
        foreach (var p in more)
        {
            command.Parameters.AddWithValue(p);
        }
        var counts = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }
        return counts;
    }
}
