using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>Appends to the case history (case_event, append-only: a trigger refuses UPDATE and DELETE).</summary>
internal static class CaseEvents
{
    public static async Task<long> AppendAsync(NpgsqlConnection connection, string countyCode, long caseId, string unitCode, DateTimeOffset at,
        string actor, string role, string action, string? fromState, string? toState, string notes, string detailJson, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO case_event (county_code, case_id, unit_code, at, actor, role, action, from_state, to_state, notes, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb) RETURNING id
            """, connection);
        insert.Parameters.AddWithValue(countyCode);
        insert.Parameters.AddWithValue(caseId);
        insert.Parameters.AddWithValue(unitCode);
        insert.Parameters.AddWithValue(at);
        insert.Parameters.AddWithValue(actor);
        insert.Parameters.AddWithValue(role);
        insert.Parameters.AddWithValue(action);
        insert.Parameters.AddWithValue((object?)fromState ?? DBNull.Value);
        insert.Parameters.AddWithValue((object?)toState ?? DBNull.Value);
        insert.Parameters.AddWithValue(notes);
        insert.Parameters.AddWithValue(detailJson);
        return (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
