using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Gengbao.Cases;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>A transition asked for by a person: who, as which role, why, with which files; the verification's judgement and polygon.</summary>
public sealed record TransitionRequest(CaseAction Action, string Actor, string Role, string Notes, IReadOnlyList<NewAttachment> Attachments,
    DateTimeOffset At, VerificationJudgement? Judgement = null, Geometry? MeasuredGeometry = null);

/// <summary>The electronic filing of a case: the dossier's hash and size as archived.</summary>
public sealed record ArchiveRecord(string Sha256, long Bytes);

public sealed partial class CaseStore
{
    /// <summary>
    /// Applies one transition in one transaction: the case row is locked, the transition table decides
    /// (<see cref="CaseRefusedException"/> otherwise), the state changes, the event and its attachments are appended,
    /// tasks follow (a judgement completes the verification task; illegal opens the rectification task at the same
    /// cell; enforcement completes it). On any refusal nothing is written.
    /// </summary>
    public async Task<CaseDetail> TransitionAsync(long id, TransitionRequest request, ArchiveRecord? archive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Action is CaseAction.VerifyLegal or CaseAction.VerifyIllegal)
        {
            if (request.Judgement is not { } j || j.Action() != request.Action)
            {
                throw new CaseException(CaseError.Invalid, "a verification needs a judgement: legal_with_approval, facility_agricultural_land_filed, temporary_land, illegal_non_agricultural, illegal_non_grain or other");
            }
            if (j == VerificationJudgement.Other && string.IsNullOrWhiteSpace(request.Notes))
            {
                throw new CaseException(CaseError.Invalid, "judgement 'other' needs notes saying what was found");
            }
        }
        if (request.Action == CaseAction.Archive && archive is null)
        {
            throw new CaseException(CaseError.Invalid, "archiving needs the dossier's hash");
        }
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        string county, unit, stateName;
        await using (var select = new NpgsqlCommand("SELECT county_code, unit_code, state FROM problem_case WHERE id = $1 FOR UPDATE", connection))
        {
            select.Parameters.AddWithValue(id);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new CaseException(CaseError.NotFound, $"no case {id} in your region");
            }
            (county, unit, stateName) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
        var row = CaseStateMachine.Resolve(CaseNames.Parse<CaseState>(stateName), request.Action, request.Role);
        var to = CaseNames.Name(row.To);
        await using (var update = new NpgsqlCommand("""
            UPDATE problem_case SET state = $2, code = coalesce($3, code), updated_at = $4,
                   closed_at = CASE WHEN $2 IN ('closed_legal', 'closed') THEN $4 ELSE closed_at END,
                   judgement = coalesce($5, judgement), measured_geom_4490 = coalesce($6, measured_geom_4490)
            WHERE id = $1
            """, connection))
        {
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(to);
            update.Parameters.AddWithValue(row.SetsCode is { } code ? CaseNames.Name(code) : DBNull.Value);
            update.Parameters.AddWithValue(request.At);
            update.Parameters.AddWithValue(request.Judgement is { } judgement ? CaseNames.Name(judgement) : DBNull.Value);
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)request.MeasuredGeometry ?? DBNull.Value, DataTypeName = "geometry" });
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var detail = new JsonObject { ["attachments"] = request.Attachments.Count };
        if (request.Judgement is { } given)
        {
            detail["judgement"] = CaseNames.Name(given);
            detail["judgementLabel"] = given.Label();
            detail["measured"] = request.MeasuredGeometry is not null;
        }
        if (archive is not null)
        {
            detail["dossierSha256"] = archive.Sha256;
        }
        var eventId = await CaseEvents.AppendAsync(connection, county, id, unit, request.At, request.Actor, request.Role, CaseNames.Name(request.Action),
            stateName, to, request.Notes, detail.ToJsonString(), cancellationToken).ConfigureAwait(false);
        foreach (var file in request.Attachments)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO case_attachment (county_code, case_id, unit_code, event_id, file_name, content_type, content, sha256, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """, connection);
            insert.Parameters.AddWithValue(county);
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(unit);
            insert.Parameters.AddWithValue(eventId);
            insert.Parameters.AddWithValue(file.FileName);
            insert.Parameters.AddWithValue(file.ContentType);
            insert.Parameters.AddWithValue(file.Content);
            insert.Parameters.AddWithValue(Convert.ToHexStringLower(SHA256.HashData(file.Content)));
            insert.Parameters.AddWithValue(request.At);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        switch (request.Action)
        {
            case CaseAction.VerifyLegal:
                await CaseTasks.CompleteAsync(connection, id, CaseTaskKind.Verification, request.At, cancellationToken).ConfigureAwait(false);
                break;
            case CaseAction.VerifyIllegal:
                await CaseTasks.CompleteAsync(connection, id, CaseTaskKind.Verification, request.At, cancellationToken).ConfigureAwait(false);
                await CaseTasks.CreateAsync(connection, county, id, CaseTaskKind.Rectification,
                    await VerificationCellAsync(connection, id, unit, cancellationToken).ConfigureAwait(false), request.At, cancellationToken).ConfigureAwait(false);
                break;
            case CaseAction.Enforce:
                await CaseTasks.CompleteAsync(connection, id, CaseTaskKind.Rectification, request.At, cancellationToken).ConfigureAwait(false);
                break;
            case CaseAction.Archive:
                await using (var insert = new NpgsqlCommand("""
                    INSERT INTO case_archive (county_code, case_id, unit_code, archived_at, archived_by, dossier_sha256, dossier_bytes)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """, connection))
                {
                    insert.Parameters.AddWithValue(county);
                    insert.Parameters.AddWithValue(id);
                    insert.Parameters.AddWithValue(unit);
                    insert.Parameters.AddWithValue(request.At);
                    insert.Parameters.AddWithValue(request.Actor);
                    insert.Parameters.AddWithValue(archive!.Sha256);
                    insert.Parameters.AddWithValue(archive.Bytes);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                break;
        }
        var result = await GetAsync(connection, id, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The state of a case (for the API's checks before reading a request body); NotFound outside the region.</summary>
    public async Task<string> StateAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT state FROM problem_case WHERE id = $1", connection);
        command.Parameters.AddWithValue(id);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string
            ?? throw new CaseException(CaseError.NotFound, $"no case {id} in your region");
    }

    /// <summary>The rectification task goes to the cell that verified (the person responsible on the spot).</summary>
    private static async Task<ResponsibleCell> VerificationCellAsync(NpgsqlConnection connection, long caseId, string unit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT cell_code, cell_basis, assignee_id FROM case_task WHERE case_id = $1 AND kind = 'verification'", connection);
        command.Parameters.AddWithValue(caseId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ResponsibleCell(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2))
            : new ResponsibleCell(unit, "village", null);
    }
}
