using Npgsql;
using NetTopologySuite.Geometries;
using Gengbao.Storage.Security;

namespace Gengbao.Storage.Cases;

/// <summary>
/// Cases as a request sees them, over connections scoped to the caller's region (row-level security decides which
/// cases exist for him). Transitions are in CaseStore.Transitions.cs, statistics and spot checks in CaseStore.Statistics.cs.
/// </summary>
public sealed partial class CaseStore(IConnectionSource connections)
{
    private const string SummaryColumns = """
        c.id, c.county_code, c.unit_code, c.town_code, c.code, c.state, c.title,
        ARRAY(SELECT DISTINCT s.kind FROM case_source s WHERE s.case_id = c.id ORDER BY 1),
        c.created_at, c.updated_at, c.closed_at, c.area_m2,
        ST_X(ST_PointOnSurface(c.geom_4490)), ST_Y(ST_PointOnSurface(c.geom_4490))
        """;

    public async Task<IReadOnlyList<CaseSummary>> ListAsync(CaseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            SELECT {SummaryColumns} FROM problem_case c
            WHERE ($1::text IS NULL OR c.state = $1) AND ($2::text IS NULL OR c.code = $2)
              AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM case_source s WHERE s.case_id = c.id AND s.kind = $3))
              AND ($4::text IS NULL OR c.unit_code LIKE $4 || '%' OR c.county_code LIKE $4 || '%')
            ORDER BY c.id DESC LIMIT $5
            """, connection);
        command.Parameters.AddWithValue((object?)query.State ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)query.Code ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)query.Source ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)query.Region ?? DBNull.Value);
        command.Parameters.AddWithValue(Math.Clamp(query.Limit, 1, 5000));
        var list = new List<CaseSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadSummary(reader, 0));
        }
        return list;
    }

    /// <summary>The case with sources, history, tasks and attachments; <see cref="CaseError.NotFound"/> outside the caller's region.</summary>
    public async Task<CaseDetail> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, id, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<CaseDetail> GetAsync(NpgsqlConnection connection, long id, CancellationToken cancellationToken)
    {
        CaseSummary summary;
        Geometry geometry;
        Geometry? measured;
        string reason;
        string? judgement;
        await using (var command = new NpgsqlCommand($"SELECT {SummaryColumns}, c.geom_4490, c.measured_geom_4490, c.reason, c.judgement FROM problem_case c WHERE c.id = $1", connection))
        {
            command.Parameters.AddWithValue(id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new CaseException(CaseError.NotFound, $"no case {id} in your region");
            }
            summary = ReadSummary(reader, 0);
            geometry = reader.GetFieldValue<Geometry>(SummaryColumnCount);
            measured = reader.IsDBNull(SummaryColumnCount + 1) ? null : reader.GetFieldValue<Geometry>(SummaryColumnCount + 1);
            reason = reader.GetString(SummaryColumnCount + 2);
            judgement = reader.IsDBNull(SummaryColumnCount + 3) ? null : reader.GetString(SummaryColumnCount + 3);
        }
        var sources = await ReadAsync(connection, "SELECT id, kind, external_number, screening_class, received_at, detail::text FROM case_source WHERE case_id = $1 ORDER BY id", id,
            r => new CaseSourceView(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetString(5)),
            cancellationToken).ConfigureAwait(false);
        var events = await ReadAsync(connection, "SELECT id, at, actor, role, action, from_state, to_state, notes, detail::text FROM case_event WHERE case_id = $1 ORDER BY id", id,
            r => new CaseEventView(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.GetString(8)),
            cancellationToken).ConfigureAwait(false);
        var tasks = await ReadAsync(connection, $"SELECT {TaskColumns} FROM case_task WHERE case_id = $1 ORDER BY id", id, ReadTask, cancellationToken).ConfigureAwait(false);
        var attachments = await ReadAsync(connection,
            "SELECT id, event_id, file_name, content_type, sha256, length(content), created_at FROM case_attachment WHERE case_id = $1 ORDER BY id", id,
            r => new CaseAttachmentView(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5),
                r.GetFieldValue<DateTimeOffset>(6)), cancellationToken).ConfigureAwait(false);
        var archive = (await ReadAsync(connection, "SELECT archived_at, archived_by, dossier_sha256, dossier_bytes FROM case_archive WHERE case_id = $1", id,
            r => new CaseArchiveView(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetString(2), r.GetInt64(3)), cancellationToken).ConfigureAwait(false))
            .SingleOrDefault();
        return new CaseDetail(summary, geometry, measured, reason, judgement, sources, events, tasks, attachments, archive);
    }

    /// <summary>Open tasks the caller's region holds (a field manager's region is his cell), earliest deadline first.</summary>
    public async Task<IReadOnlyList<CaseTaskView>> OpenTasksAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {TaskColumns} FROM case_task WHERE state = 'open' ORDER BY due_at, id LIMIT 1000", connection);
        var list = new List<CaseTaskView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadTask(reader));
        }
        return list;
    }

    /// <summary>An attachment's bytes; <see cref="CaseError.NotFound"/> when it is not the case's or outside the region.</summary>
    public async Task<(CaseAttachmentView View, byte[] Content)> AttachmentAsync(long caseId, long attachmentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT id, event_id, file_name, content_type, sha256, length(content), created_at, content FROM case_attachment WHERE case_id = $1 AND id = $2", connection);
        command.Parameters.AddWithValue(caseId);
        command.Parameters.AddWithValue(attachmentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new CaseException(CaseError.NotFound, $"no attachment {attachmentId} of case {caseId} in your region");
        }
        return (new CaseAttachmentView(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6)), reader.GetFieldValue<byte[]>(7));
    }

    /// <summary>All attachments of a case with their bytes (the dossier).</summary>
    public async Task<IReadOnlyList<(CaseAttachmentView View, byte[] Content)>> AttachmentsAsync(long caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection,
            "SELECT id, event_id, file_name, content_type, sha256, length(content), created_at, content FROM case_attachment WHERE case_id = $1 ORDER BY id", caseId,
            r => (new CaseAttachmentView(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5),
                r.GetFieldValue<DateTimeOffset>(6)), r.GetFieldValue<byte[]>(7)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Land parcels (DLTB, newest year) around a case for the dossier's map: code and shape.</summary>
    public async Task<IReadOnlyList<(string Dlbm, Geometry Geometry)>> ContextParcelsAsync(long caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, """
            SELECT d.dlbm, d.geom_4490 FROM problem_case c
            JOIN dltb d ON d.county_code = c.county_code AND d.geom_4490 && ST_Expand(c.geom_4490, 0.002)
            WHERE c.id = $1 AND d.year = (SELECT max(year) FROM dltb m WHERE m.county_code = c.county_code)
            ORDER BY d.fid LIMIT 300
            """, caseId, r => (r.GetString(0), r.GetFieldValue<Geometry>(1)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sealed contacts of the public clues merged into a case (the API decrypts and masks them per role).</summary>
    public async Task<IReadOnlyList<(string TrackingNumber, byte[]? ContactSealed, DateTimeOffset ReceivedAt)>> ClueContactsAsync(long caseId,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, "SELECT tracking_number, contact_enc, received_at FROM public_clue WHERE case_id = $1 ORDER BY id", caseId,
            r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetFieldValue<byte[]>(1), r.GetFieldValue<DateTimeOffset>(2)), cancellationToken).ConfigureAwait(false);
    }

    private const string TaskColumns = "id, case_id, kind, cell_code, cell_basis, assignee_id, state, due_at, created_at, done_at, escalated_at, escalated_to";

    private static CaseTaskView ReadTask(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetInt64(5), r.GetString(6), r.GetFieldValue<DateTimeOffset>(7), r.GetFieldValue<DateTimeOffset>(8),
        r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetString(11));

    private const int SummaryColumnCount = 14;

    private static CaseSummary ReadSummary(NpgsqlDataReader r, int o) => new(r.GetInt64(o), r.GetString(o + 1), r.GetString(o + 2),
        r.IsDBNull(o + 3) ? null : r.GetString(o + 3), r.GetString(o + 4), r.GetString(o + 5), r.GetString(o + 6), r.GetFieldValue<string[]>(o + 7),
        r.GetFieldValue<DateTimeOffset>(o + 8), r.GetFieldValue<DateTimeOffset>(o + 9), r.IsDBNull(o + 10) ? null : r.GetFieldValue<DateTimeOffset>(o + 10),
        r.IsDBNull(o + 11) ? null : r.GetDecimal(o + 11), r.IsDBNull(o + 12) ? null : r.GetDouble(o + 12), r.IsDBNull(o + 13) ? null : r.GetDouble(o + 13));

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, long id, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(id);
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(read(reader));
        }
        return list;
    }
}
