using System.Text.Json.Nodes;
using Gengbao.Cases;
using Gengbao.Screening;
using Gengbao.Storage.Screening;
using Gengbao.Storage.Security;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>
/// Turns reports from the four sources into cases (docs/cases.md): a report already taken in is recognised by its
/// source kind and number; one at the place of an open case of the same county is merged into it as another source;
/// otherwise a new case opens. Screened green passes at once (actor <c>system</c>); everything else is yellow with
/// exactly one verification task for the field manager of the finest grid cell at the place. A patrol finding drawn as a
/// polygon is screened like a change patch first (<see cref="StoredShapeScreening"/>), so one fully covered by
/// approvals passes without a visit; points and clues always go to a field check. Runs as the owner
/// (background worker, CLI, the anonymous clue endpoint): callers check the caller's region before.
/// </summary>
public sealed partial class CaseIntake(IConnectionSource connections, TimeProvider time, StoredShapeScreening? shapes = null)
{
    /// <summary>Takes in one report in its own transaction.</summary>
    public async Task<IntakeResult> TakeAsync(CaseReport report, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await TakeAsync(connection, report, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Every screened change patch of a county and year becomes (or stays) a case keyed by its JCBH, in one
    /// transaction. Idempotent: patches already taken in are skipped, so re-screening never duplicates cases or tasks;
    /// a yellow case still waiting for its check whose patches are all green now is closed (<see cref="RecolourAsync"/>).
    /// The source kind is <c>monitoring</c> when the patch's import carried <c>source=monitoring</c> (or 本级监测) in
    /// its attributes, else <c>issued</c>.
    /// </summary>
    public async Task<IReadOnlyList<IntakeResult>> FromScreeningAsync(string countyCode, int year, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // One intake of a county at a time (the worker and the CLI may both run it).
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('case_intake'), hashtext($1))", connection))
        {
            lockCommand.Parameters.AddWithValue(countyCode);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var reports = new List<CaseReport>();
        await using (var command = new NpgsqlCommand(CaseSql.ScreenedPatches, connection) { CommandTimeout = 0 })
        {
            command.Parameters.AddWithValue(countyCode);
            command.Parameters.AddWithValue(year);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var kind = reader.GetBoolean(5) ? CaseSourceKind.Monitoring : CaseSourceKind.Issued;
                reports.Add(new CaseReport(kind, reader.GetString(0), reader.GetFieldValue<Geometry>(3), reader.GetString(1),
                    $"变化图斑 {reader.GetString(0)}", reader.GetString(2), time.GetUtcNow(),
                    new JsonObject { ["year"] = year, ["fid"] = reader.GetInt64(4) }));
            }
        }
        var results = new List<IntakeResult>(reports.Count);
        foreach (var report in reports)
        {
            results.Add(await TakeAsync(connection, report, cancellationToken).ConfigureAwait(false));
        }
        results.AddRange(await RecolourAsync(connection, countyCode, year, cancellationToken).ConfigureAwait(false));
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>A patrol finding becomes a case (or joins the open case at its place).</summary>
    /// <param name="findingId">patrol_finding.id.</param>
    /// <param name="mayTake">Whether the caller may act on the finding's cell (his region); a finding he may not is "not found".</param>
    /// <param name="cancellationToken">Cancels the intake.</param>
    public async Task<IntakeResult> FromFindingAsync(long findingId, Func<string, bool> mayTake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mayTake);
        CaseReport report;
        string county;
        await using (var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = new NpgsqlCommand("SELECT category, geom_4490, notes, created_at, cell_code, county_code FROM patrol_finding WHERE id = $1", connection))
        {
            command.Parameters.AddWithValue(findingId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || !mayTake(reader.GetString(4)))
            {
                throw new CaseException(CaseError.NotFound, $"no patrol finding {findingId} in your region");
            }
            county = reader.GetString(5);
            report = new CaseReport(CaseSourceKind.Patrol, findingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                reader.GetFieldValue<Geometry>(1), null, $"巡查发现 {findingId}", reader.GetString(2), time.GetUtcNow(),
                new JsonObject { ["category"] = reader.GetString(0), ["reportedAt"] = reader.GetFieldValue<DateTimeOffset>(3) });
        }
        report = await ScreenAsync(county, report, cancellationToken).ConfigureAwait(false);
        return await TakeAsync(report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Intake on an open transaction (public clues use it to write clue and case together).</summary>
    public async Task<IntakeResult> TakeAsync(NpgsqlConnection connection, CaseReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var kind = CaseNames.Name(report.Kind);
        await using (var known = new NpgsqlCommand("SELECT s.case_id, c.state FROM case_source s JOIN problem_case c ON c.id = s.case_id WHERE s.kind = $1 AND s.external_number = $2", connection))
        {
            known.Parameters.AddWithValue(kind);
            known.Parameters.AddWithValue(report.ExternalNumber);
            await using var reader = await known.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new IntakeResult(reader.GetInt64(0), IntakeResult.Known, reader.GetString(1), null);
            }
        }
        var place = await CasePlace.LocateAsync(connection, report.Geometry, cancellationToken).ConfigureAwait(false)
            ?? throw new CaseException(CaseError.Invalid, $"{report.Title}: the place is not inside any admin unit of the prefecture");
        var detail = (report.Detail ?? []).ToJsonString();

        long? duplicate = null;
        string duplicateState = "";
        await using (var find = new NpgsqlCommand(CaseSql.OpenCaseAtPlace, connection))
        {
            find.Parameters.AddWithValue(place.CountyCode);
            find.Parameters.AddWithValue(report.Geometry);
            find.Parameters.AddWithValue(DuplicateRule.PointDistanceMetres);
            find.Parameters.AddWithValue(DuplicateRule.MinimumOverlapShare);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                (duplicate, duplicateState) = (reader.GetInt64(0), reader.GetString(1));
            }
        }
        var now = report.At;
        if (duplicate is { } caseId)
        {
            await InsertSourceAsync(connection, caseId, place, kind, report, detail, cancellationToken).ConfigureAwait(false);
            await CaseEvents.AppendAsync(connection, place.CountyCode, caseId, place.UnitCode, now, CaseActor.System, CaseActor.System,
                "merge_source", duplicateState, duplicateState, $"{kind} {report.ExternalNumber} merged: same place", detail, cancellationToken).ConfigureAwait(false);
            await TouchAsync(connection, caseId, now, cancellationToken).ConfigureAwait(false);
            return new IntakeResult(caseId, IntakeResult.Merged, duplicateState, null);
        }

        long id;
        await using (var insert = new NpgsqlCommand(CaseSql.InsertCase, connection))
        {
            insert.Parameters.AddWithValue(place.CountyCode);
            insert.Parameters.AddWithValue(place.UnitCode);
            insert.Parameters.AddWithValue((object?)place.TownCode ?? DBNull.Value);
            insert.Parameters.AddWithValue(report.Geometry);
            insert.Parameters.AddWithValue(report.Title);
            insert.Parameters.AddWithValue(report.Reason);
            insert.Parameters.AddWithValue(now);
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        await InsertSourceAsync(connection, id, place, kind, report, detail, cancellationToken).ConfigureAwait(false);
        await CaseEvents.AppendAsync(connection, place.CountyCode, id, place.UnitCode, now, CaseActor.System, CaseActor.System,
            "open", null, CaseNames.Name(CaseState.Verifying), $"{kind} {report.ExternalNumber}", detail, cancellationToken).ConfigureAwait(false);
        if (report.ScreeningClass == "green")
        {
            var pass = CaseStateMachine.Resolve(CaseState.Verifying, CaseAction.AutoPass, CaseActor.System);
            await using (var update = new NpgsqlCommand(
                "UPDATE problem_case SET state = $2, code = 'green', judgement = 'legal_with_approval', closed_at = $3, updated_at = $3 WHERE id = $1", connection))
            {
                update.Parameters.AddWithValue(id);
                update.Parameters.AddWithValue(CaseNames.Name(pass.To));
                update.Parameters.AddWithValue(now);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await CaseEvents.AppendAsync(connection, place.CountyCode, id, place.UnitCode, now, CaseActor.System, CaseActor.System,
                CaseNames.Name(CaseAction.AutoPass), CaseNames.Name(CaseState.Verifying), CaseNames.Name(pass.To), report.Reason, "{}", cancellationToken).ConfigureAwait(false);
            return new IntakeResult(id, IntakeResult.Created, CaseNames.Name(pass.To), null);
        }
        var taskId = await CaseTasks.CreateAsync(connection, place.CountyCode, id, CaseTaskKind.Verification, await CasePlace.ResponsibleCellAsync(
            connection, place, report.Geometry, now, cancellationToken).ConfigureAwait(false), now, cancellationToken).ConfigureAwait(false);
        return new IntakeResult(id, IntakeResult.Created, CaseNames.Name(CaseState.Verifying), taskId);
    }

    /// <summary>
    /// Marks open tasks past their deadline as escalated to the grid cell one level up (once per task) and returns them.
    /// </summary>
    public async Task<IReadOnlyList<EscalatedTask>> EscalateAsync(CancellationToken cancellationToken = default) =>
        await CaseTasks.EscalateAsync(connections, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

    private static async Task InsertSourceAsync(NpgsqlConnection connection, long caseId, CasePlace place, string kind, CaseReport report,
        string detail, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO case_source (county_code, case_id, unit_code, kind, external_number, geom_4490, screening_class, detail, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
            """, connection);
        insert.Parameters.AddWithValue(place.CountyCode);
        insert.Parameters.AddWithValue(caseId);
        insert.Parameters.AddWithValue(place.UnitCode);
        insert.Parameters.AddWithValue(kind);
        insert.Parameters.AddWithValue(report.ExternalNumber);
        insert.Parameters.AddWithValue(report.Geometry);
        insert.Parameters.AddWithValue((object?)report.ScreeningClass ?? DBNull.Value);
        insert.Parameters.AddWithValue(detail);
        insert.Parameters.AddWithValue(report.At);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task TouchAsync(NpgsqlConnection connection, long caseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE problem_case SET updated_at = $2 WHERE id = $1", connection);
        update.Parameters.AddWithValue(caseId);
        update.Parameters.AddWithValue(now);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
