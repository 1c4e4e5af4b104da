using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Gengbao.Geo.Codes;
using Gengbao.Patrol.Cycles;
using Npgsql;

namespace Gengbao.Storage.Patrol;

/// <summary>Tasks of one unit in one month (China time, by period start): how many, completed, overdue, and the completion rate (0..1).</summary>
public sealed record PatrolMonthRow(string UnitCode, string? UnitName, string Month, long Tasks, long Completed, long Overdue, double CompletionRate);

/// <summary>Field managers and assistants on the current roster within a unit.</summary>
public sealed record ManagerCountRow(string UnitCode, string? UnitName, long Managers, long Assistants);

/// <summary>A township's rank by completion rate over a time span (ties by more completed tasks, then code).</summary>
public sealed record TownshipRankRow(int Rank, string UnitCode, string? UnitName, long Tasks, long Completed, long Overdue, double CompletionRate);

/// <summary>
/// The supervisors' dashboard figures (seed 001 三(三): 巡田工作月度统计, 各级田管用户区域数量统计, 乡镇排名): roll-ups of
/// tasks and roster by admin-code prefix, so a unit counts every cell beneath it. Overdue lists are
/// <c>GET /api/patrol/tasks?state=overdue</c>.
/// </summary>
public sealed class PatrolStatistics(IConnectionSource connections)
{
    /// <summary>Digits of a unit code at a level: county 6, township 9, village 12.</summary>
    public static int PrefixLength(AdminLevel level) => level switch
    {
        AdminLevel.Prefecture => 4,
        AdminLevel.County => 6,
        AdminLevel.Township => 9,
        AdminLevel.Village => 12,
        _ => throw new ArgumentException($"statistics roll up to prefecture, county, township or village, not {level}", nameof(level)),
    };

    public async Task<IReadOnlyList<PatrolMonthRow>> MonthlyAsync(string? region, AdminLevel level, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT u.unit, {UnitName}, u.month, u.tasks, u.completed, u.overdue
            FROM (SELECT left(cell_code, $1) AS unit, to_char((period_start AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') AS month,
                         count(*) AS tasks, count(*) FILTER (WHERE state = 'completed') AS completed, count(*) FILTER (WHERE state = 'overdue') AS overdue
                  FROM patrol_task
                  WHERE {Filter}
                  GROUP BY 1, 2) u
            ORDER BY u.month, u.unit
            """);
        Bind(command, region, level, from, to);
        var rows = new List<PatrolMonthRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (tasks, completed) = (reader.GetInt64(3), reader.GetInt64(4));
            rows.Add(new PatrolMonthRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), tasks, completed,
                reader.GetInt64(5), tasks == 0 ? 0 : (double)completed / tasks));
        }
        return rows;
    }

    public async Task<IReadOnlyList<TownshipRankRow>> TownshipRankingAsync(string? region, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT u.unit, {UnitName}, u.tasks, u.completed, u.overdue
            FROM (SELECT left(cell_code, $1) AS unit, count(*) AS tasks, count(*) FILTER (WHERE state = 'completed') AS completed,
                         count(*) FILTER (WHERE state = 'overdue') AS overdue
                  FROM patrol_task
                  WHERE {Filter}
                  GROUP BY 1) u
            ORDER BY u.completed::float8 / u.tasks DESC, u.completed DESC, u.unit
            """);
        Bind(command, region, AdminLevel.Township, from, to);
        var rows = new List<TownshipRankRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (tasks, completed) = (reader.GetInt64(2), reader.GetInt64(3));
            rows.Add(new TownshipRankRow(rows.Count + 1, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), tasks, completed,
                reader.GetInt64(4), (double)completed / tasks));
        }
        return rows;
    }

    /// <summary>People whose term covers <paramref name="onDay"/> (China date), counted once per unit even when they hold several cells.</summary>
    public async Task<IReadOnlyList<ManagerCountRow>> ManagersAsync(string? region, AdminLevel level, DateOnly onDay, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT u.unit, {UnitName}, u.managers, u.assistants
            FROM (SELECT left(cell_code, $1) AS unit, count(DISTINCT phone_index) FILTER (WHERE role = 'manager') AS managers,
                         count(DISTINCT phone_index) FILTER (WHERE role = 'assistant') AS assistants
                  FROM patrol_roster
                  WHERE superseded_at IS NULL AND cell_level >= CASE $1 WHEN 4 THEN 2 WHEN 6 THEN 3 WHEN 9 THEN 4 ELSE 5 END AND ($2::text IS NULL OR starts_with(cell_code, $2))
                    AND valid_from <= $5 AND (valid_to IS NULL OR valid_to >= $5)
                  GROUP BY 1) u
            ORDER BY u.unit
            """);
        Bind(command, region, level, null, null);
        command.Parameters.AddWithValue(onDay);
        var rows = new List<ManagerCountRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ManagerCountRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return rows;
    }

    // A unit's name: the admin unit whose 12-digit code is the prefix padded with zeros.
    private const string UnitName = "(SELECT a.name FROM admin_unit a WHERE a.code = rpad(u.unit, 12, '0') ORDER BY a.year DESC LIMIT 1)";

    private const string Filter = """
        cell_level >= CASE $1 WHEN 4 THEN 2 WHEN 6 THEN 3 WHEN 9 THEN 4 ELSE 5 END AND ($2::text IS NULL OR starts_with(cell_code, $2))
          AND ($3::timestamptz IS NULL OR period_start >= $3) AND ($4::timestamptz IS NULL OR period_start < $4)
        """;

    private static void Bind(NpgsqlCommand command, string? region, AdminLevel level, DateTimeOffset? from, DateTimeOffset? to)
    {
        command.Parameters.AddWithValue(PrefixLength(level));
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)(region is null ? null : RegionPrefix.Of(region)) ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)from?.UtcDateTime ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)to?.UtcDateTime ?? DBNull.Value);
    }
}
