using Gengbao.Storage.Security;
using Gengbao.Patrol.Cycles;
using Npgsql;

namespace Gengbao.Storage.Patrol;

/// <summary>What one dispatcher run did at <see cref="At"/>.</summary>
public sealed record DispatchResult(DateTimeOffset At, int TasksCreated, int MarkedOverdue, int Warnings);

/// <summary>
/// Sends the tasks due at an instant, set-based: every grid cell (admin units of level 2–6, newest year) gets one task
/// for the current period of its governing plan's cycle, with the due and warning times <see cref="PatrolPeriod"/>
/// computes (the four cycles' periods are passed in as arrays, so the calendar rules stay in C#). The UNIQUE key
/// (county, cell, plan, period) with ON CONFLICT DO NOTHING makes a rerun, a restart or a second server harmless.
/// The same run marks open tasks past due as overdue and writes the warnings to the supervisor one level up.
/// </summary>
public sealed class PatrolDispatcher(IConnectionSource connections)
{
    public async Task<DispatchResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var periods = PatrolCycles.All.Select(c => PatrolPeriod.Containing(c, now)).ToList();
        var today = ChinaTime.DateOf(now);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int created, overdue, warnings;
        // Runs from several servers queue here (key 1348563058 = "Patr") rather than race; the unique key would keep them correct anyway, but
        // queued runs cannot deadlock on each other's half-inserted keys.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(1348563058)", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var command = new NpgsqlCommand(DispatchSql, connection, transaction) { CommandTimeout = 600 })
        {
            command.Parameters.AddWithValue(periods.Select(p => PatrolCycles.Name(p.Cycle)).ToArray());
            command.Parameters.AddWithValue(periods.Select(p => p.Key).ToArray());
            command.Parameters.AddWithValue(periods.Select(p => p.Start.UtcDateTime).ToArray());
            command.Parameters.AddWithValue(periods.Select(p => p.DueAt.UtcDateTime).ToArray());
            command.Parameters.AddWithValue(periods.Select(p => p.WarnAt.UtcDateTime).ToArray());
            command.Parameters.AddWithValue((short)ChinaTime.ToChina(now).Month);
            command.Parameters.AddWithValue(today);
            command.Parameters.AddWithValue(now.UtcDateTime);
            created = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var command = new NpgsqlCommand(OverdueSql, connection, transaction) { CommandTimeout = 600 })
        {
            command.Parameters.AddWithValue(now.UtcDateTime);
            command.Parameters.AddWithValue(today);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            overdue = (int)reader.GetInt64(0);
            warnings = (int)reader.GetInt64(1);
        }
        await using (var command = new NpgsqlCommand(DueSoonSql, connection, transaction) { CommandTimeout = 600 })
        {
            command.Parameters.AddWithValue(now.UtcDateTime);
            command.Parameters.AddWithValue(today);
            warnings += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DispatchResult(now, created, overdue, warnings);
    }

    // $1..$5 the four cycles' periods, $6 the China month (seasonal plans), $7 the China date (roster terms), $8 now.
    private const string DispatchSql = """
        WITH periods AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
                AS p(cycle, period_key, period_start, due_at, warn_at)),
        cells AS (
            SELECT DISTINCT ON (code) county_code, code, level, parent_code
            FROM admin_unit WHERE level BETWEEN 2 AND 6
            ORDER BY code, year DESC),
        chosen AS (
            SELECT DISTINCT ON (c.code) c.county_code, c.code, c.level, c.parent_code, pl.id AS plan_id, pl.cycle
            FROM cells c
            JOIN patrol_plan pl ON pl.active AND pl.level = c.level AND starts_with(c.code, pl.region_prefix)
                               AND (pl.months IS NULL OR $6 = ANY (pl.months))
            ORDER BY c.code, length(pl.region_prefix) DESC, (pl.months IS NOT NULL) DESC, pl.id),
        managers AS (
            SELECT DISTINCT ON (cell_code) cell_code, id FROM patrol_roster
            WHERE role = 'manager' AND superseded_at IS NULL AND valid_from <= $7 AND (valid_to IS NULL OR valid_to >= $7)
            ORDER BY cell_code, valid_from DESC)
        INSERT INTO patrol_task (county_code, cell_code, cell_level, supervisor_code, plan_id, cycle, period_key, period_start,
                                 due_at, warn_at, assignee_id, state, state_changed_at, created_at)
        SELECT ch.county_code, ch.code, ch.level, ch.parent_code, ch.plan_id, ch.cycle, p.period_key, p.period_start,
               p.due_at, p.warn_at, m.id, 'pending', $8, $8
        FROM chosen ch
        JOIN periods p ON p.cycle = ch.cycle
        LEFT JOIN managers m ON m.cell_code = ch.code
        ON CONFLICT ON CONSTRAINT patrol_task_once DO NOTHING
        """;

    // One statement: the rows this run turns overdue get their overdue warning (a concurrent run that loses the row
    // lock re-checks the state and skips them).
    private const string OverdueSql = """
        WITH overdue AS (
            UPDATE patrol_task SET state = 'overdue', state_changed_at = $1
            WHERE state IN ('pending', 'in_progress', 'incomplete') AND due_at <= $1
            RETURNING county_code, id, cell_code, supervisor_code),
        warned AS (
            INSERT INTO patrol_warning (county_code, task_id, cell_code, kind, supervisor_code, supervisor_id, created_at)
            SELECT o.county_code, o.id, o.cell_code, 'overdue', o.supervisor_code,
                   (SELECT r.id FROM patrol_roster r
                    WHERE r.cell_code = o.supervisor_code AND r.role = 'manager' AND r.superseded_at IS NULL
                      AND r.valid_from <= $2 AND (r.valid_to IS NULL OR r.valid_to >= $2) LIMIT 1), $1
            FROM overdue o
            ON CONFLICT ON CONSTRAINT patrol_warning_once DO NOTHING
            RETURNING 1)
        SELECT (SELECT count(*) FROM overdue), (SELECT count(*) FROM warned)
        """;

    private const string DueSoonSql = """
        INSERT INTO patrol_warning (county_code, task_id, cell_code, kind, supervisor_code, supervisor_id, created_at)
        SELECT t.county_code, t.id, t.cell_code, 'due_soon', t.supervisor_code,
               (SELECT r.id FROM patrol_roster r
                WHERE r.cell_code = t.supervisor_code AND r.role = 'manager' AND r.superseded_at IS NULL
                  AND r.valid_from <= $2 AND (r.valid_to IS NULL OR r.valid_to >= $2) LIMIT 1), $1
        FROM patrol_task t
        WHERE t.state IN ('pending', 'in_progress', 'incomplete') AND t.warn_at <= $1 AND t.due_at > $1
        ON CONFLICT ON CONSTRAINT patrol_warning_once DO NOTHING
        """;
}
