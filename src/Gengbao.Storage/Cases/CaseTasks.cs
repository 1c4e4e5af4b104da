using Gengbao.Cases;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>A task marked escalated: the cell one level up whose manager is warned.</summary>
public sealed record EscalatedTask(long TaskId, long CaseId, string Kind, string CellCode, string EscalatedTo, DateTimeOffset DueAt);

/// <summary>Verification and rectification tasks: at most one of each kind per case (unique index).</summary>
internal static class CaseTasks
{
    public static async Task<long?> CreateAsync(NpgsqlConnection connection, string countyCode, long caseId, CaseTaskKind kind, ResponsibleCell cell,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO case_task (county_code, case_id, kind, cell_code, cell_basis, assignee_id, due_at, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (case_id, kind) DO NOTHING RETURNING id
            """, connection);
        insert.Parameters.AddWithValue(countyCode);
        insert.Parameters.AddWithValue(caseId);
        insert.Parameters.AddWithValue(CaseNames.Name(kind));
        insert.Parameters.AddWithValue(cell.CellCode);
        insert.Parameters.AddWithValue(cell.Basis);
        insert.Parameters.AddWithValue((object?)cell.AssigneeId ?? DBNull.Value);
        insert.Parameters.AddWithValue(CaseDeadlines.DueAt(kind, now));
        insert.Parameters.AddWithValue(now);
        return await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    public static async Task CompleteAsync(NpgsqlConnection connection, long caseId, CaseTaskKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE case_task SET state = 'done', done_at = $3 WHERE case_id = $1 AND kind = $2 AND state = 'open'", connection);
        update.Parameters.AddWithValue(caseId);
        update.Parameters.AddWithValue(CaseNames.Name(kind));
        update.Parameters.AddWithValue(now);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The notice's text for the supervisor (Chinese, as the field app shows it).</summary>
    internal static string NoticeText(EscalatedTask task) =>
        $"{(task.Kind == "rectification" ? "整改" : "核查")}任务 {task.TaskId}（案件 {task.CaseId}，网格 {task.CellCode}）"
        + $"已超过期限 {task.DueAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}，已上报 {task.EscalatedTo} 督办";

    public static async Task<IReadOnlyList<EscalatedTask>> EscalateAsync(IConnectionSource connections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<EscalatedTask>();
        await using (var select = new NpgsqlCommand("""
            SELECT id, case_id, kind, cell_code, county_code, due_at FROM case_task
            WHERE state = 'open' AND escalated_at IS NULL AND due_at < $1 ORDER BY id FOR UPDATE
            """, connection))
        {
            select.Parameters.AddWithValue(now);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var cell = reader.GetString(3);
                due.Add(new EscalatedTask(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), cell,
                    CaseDeadlines.LevelAbove(cell) ?? reader.GetString(4) + "000000", reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }
        foreach (var task in due)
        {
            await using (var update = new NpgsqlCommand("UPDATE case_task SET escalated_at = $2, escalated_to = $3 WHERE id = $1", connection))
            {
                update.Parameters.AddWithValue(task.TaskId);
                update.Parameters.AddWithValue(now);
                update.Parameters.AddWithValue(task.EscalatedTo);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            // The supervisor's notice, in the same transaction: a task escalated once leaves exactly one notice.
            await using var notice = new NpgsqlCommand(CaseSql.InsertEscalationNotice, connection);
            notice.Parameters.AddWithValue(task.TaskId);
            notice.Parameters.AddWithValue(task.EscalatedTo);
            notice.Parameters.AddWithValue(now);
            notice.Parameters.AddWithValue(DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime));
            notice.Parameters.AddWithValue(NoticeText(task));
            await notice.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return due;
    }
}
