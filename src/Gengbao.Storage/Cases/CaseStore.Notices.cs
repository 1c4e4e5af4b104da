using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>A missed deadline's notice for the supervising cell (one per escalated task).</summary>
public sealed record EscalationNotice(long Id, string CountyCode, long TaskId, long CaseId, string Kind, string CellCode, string EscalatedTo,
    long? RecipientId, DateTimeOffset DueAt, DateTimeOffset CreatedAt, string Message);

public sealed partial class CaseStore
{
    /// <summary>The escalation notices visible to the caller (his region holds the supervising cell), newest first.</summary>
    public async Task<IReadOnlyList<EscalationNotice>> EscalationNoticesAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            SELECT id, county_code, task_id, case_id, kind, cell_code, escalated_to, recipient_id, due_at, created_at, message
            FROM case_escalation_notice ORDER BY created_at DESC, id DESC LIMIT $1
            """, connection);
        command.Parameters.AddWithValue(Math.Clamp(limit, 1, 5000));
        var notices = new List<EscalationNotice>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            notices.Add(new EscalationNotice(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt64(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.GetString(10)));
        }
        return notices;
    }
}
