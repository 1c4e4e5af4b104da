using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Gengbao.Patrol.Cycles;
using Gengbao.Security.Crypto;
using Npgsql;

namespace Gengbao.Storage.Patrol;

/// <summary>A warning to a supervisor about a task (kind due_soon or overdue); the supervisor fields are null when nobody is on the roster one level up.</summary>
public sealed record PatrolWarningView(long Id, string CountyCode, long TaskId, string CellCode, string Kind, string? SupervisorCode,
    string? SupervisorName, string? SupervisorPhone, DateTimeOffset CreatedAt);

/// <summary>Warnings by region (cells under a prefix) or by the supervisor's phone.</summary>
public sealed class WarningStore(IConnectionSource connections, FieldCipher cipher)
{
    public async Task<IReadOnlyList<PatrolWarningView>> ListAsync(string? region, string? supervisorPhone, string? kind, int limit = 1000,
        CancellationToken cancellationToken = default)
    {
        var prefix = region is null ? null : RegionPrefix.Of(region);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT w.id, w.county_code, w.task_id, w.cell_code, w.kind, w.supervisor_code, r.person_name_enc, r.phone_enc, w.created_at
            FROM patrol_warning w LEFT JOIN patrol_roster r ON r.id = w.supervisor_id
            WHERE ($1::text IS NULL OR starts_with(w.cell_code, $1))
              AND ($2::bytea IS NULL OR r.phone_index = $2)
              AND ($3::text IS NULL OR w.kind = $3)
            ORDER BY w.created_at DESC, w.id DESC
            LIMIT $4
            """);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)prefix ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bytea, (object?)RosterSealing.PhoneIndexOrNull(cipher, supervisorPhone) ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)kind ?? DBNull.Value);
        command.Parameters.AddWithValue(Math.Clamp(limit, 1, 10_000));
        var list = new List<PatrolWarningView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new PatrolWarningView(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), RosterSealing.OpenName(cipher, reader, 6),
                RosterSealing.OpenPhone(cipher, reader, 7), reader.GetFieldValue<DateTimeOffset>(8)));
        }
        return list;
    }
}
