using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Gengbao.Patrol.Cycles;
using Gengbao.Patrol.Tasks;
using Gengbao.Patrol.Tracks;
using Gengbao.Security.Crypto;
using Npgsql;

namespace Gengbao.Storage.Patrol;

/// <summary>Task lists and state changes. Changes lock the task row, check <see cref="TaskStateRules"/> and write.</summary>
public sealed class PatrolTaskStore(IConnectionSource connections, FieldCipher cipher)
{
    public async Task<PatrolTaskView> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(SelectSql + " WHERE t.id = $1");
        command.Parameters.AddWithValue(id);
        var list = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
        return list.Count == 1 ? list[0] : throw new PatrolException(PatrolError.NotFound, $"no patrol task {id}");
    }

    /// <summary>Tasks matching the query, newest period first, then by cell.</summary>
    public async Task<IReadOnlyList<PatrolTaskView>> ListAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var prefix = query.Region is null ? null : RegionPrefix.Of(query.Region);
        if (query.State is not null)
        {
            PatrolTaskStates.Parse(query.State);
        }
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(SelectSql + """
             WHERE ($1::text IS NULL OR (starts_with(t.cell_code, $1) AND ($2::text IS NULL OR t.county_code = $2)))
               AND ($3::bytea IS NULL OR t.cell_code IN (SELECT cell_code FROM patrol_roster WHERE phone_index = $3 AND superseded_at IS NULL))
               AND ($4::text IS NULL OR t.state = $4)
               AND ($5::timestamptz IS NULL OR t.due_at >= $5)
               AND ($6::timestamptz IS NULL OR t.due_at <= $6)
             ORDER BY t.period_start DESC, t.cell_code, t.id
             LIMIT $7
            """);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)prefix ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)(prefix is null ? null : RegionPrefix.CountyOf(prefix)) ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bytea, (object?)RosterSealing.PhoneIndexOrNull(cipher, query.Phone) ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)query.State ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)query.DueFrom?.UtcDateTime ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)query.DueTo?.UtcDateTime ?? DBNull.Value);
        command.Parameters.AddWithValue(Math.Clamp(query.Limit, 1, 10_000));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A person's change (start, finish): refused with <see cref="PatrolError.Conflict"/> when the rules forbid it.
    /// <paramref name="report"/>, when given, stores coverage and flags with the change.
    /// </summary>
    public async Task<PatrolTaskView> ChangeStateAsync(long id, PatrolTaskState to, DateTimeOffset now, TrackReport? report = null,
        CancellationToken cancellationToken = default)
    {
        await using (var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            string county, state;
            DateTimeOffset due;
            await using (var read = new NpgsqlCommand("SELECT county_code, state, due_at FROM patrol_task WHERE id = $1 FOR UPDATE", connection, transaction))
            {
                read.Parameters.AddWithValue(id);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new PatrolException(PatrolError.NotFound, $"no patrol task {id}");
                }
                (county, state, due) = (reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
            }
            if (TaskStateRules.CheckTransition(PatrolTaskStates.Parse(state), to, due, now) is { } reason)
            {
                throw new PatrolException(PatrolError.Conflict, $"task {id}: {reason}");
            }
            await using (var write = new NpgsqlCommand("""
                UPDATE patrol_task SET state = $3, state_changed_at = $4, coverage = coalesce($5, coverage), flags = coalesce($6, flags)
                WHERE county_code = $1 AND id = $2
                """, connection, transaction))
            {
                write.Parameters.AddWithValue(county);
                write.Parameters.AddWithValue(id);
                write.Parameters.AddWithValue(PatrolTaskStates.Name(to));
                write.Parameters.AddWithValue(now.UtcDateTime);
                write.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Double, (object?)report?.Coverage ?? DBNull.Value);
                write.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, (object?)report?.Flags.ToArray() ?? DBNull.Value);
                await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private const string SelectSql = """
        SELECT t.id, t.county_code, t.cell_code, (SELECT a.name FROM admin_unit a WHERE a.code = t.cell_code ORDER BY a.year DESC LIMIT 1),
               t.cell_level, t.supervisor_code, t.plan_id, t.cycle, t.period_key, t.period_start, t.due_at, t.warn_at, t.state,
               t.state_changed_at, t.coverage, t.flags, r.person_name_enc, r.phone_enc
        FROM patrol_task t
        LEFT JOIN patrol_roster r ON r.county_code = t.county_code AND r.id = t.assignee_id
        """;

    private async Task<List<PatrolTaskView>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<PatrolTaskView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var state = reader.GetString(12);
            list.Add(new PatrolTaskView(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt16(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6), reader.GetString(7),
                reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10),
                reader.GetFieldValue<DateTimeOffset>(11), state, PatrolTaskStates.Label(PatrolTaskStates.Parse(state)),
                reader.GetFieldValue<DateTimeOffset>(13), reader.IsDBNull(14) ? null : reader.GetDouble(14),
                reader.GetFieldValue<string[]>(15), RosterSealing.OpenName(cipher, reader, 16), RosterSealing.OpenPhone(cipher, reader, 17)));
        }
        return list;
    }
}
