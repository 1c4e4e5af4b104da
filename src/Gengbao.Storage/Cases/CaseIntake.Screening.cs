using System.Text.Json.Nodes;
using Gengbao.Cases;
using Gengbao.Screening;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>Screening of single reports on intake, and re-colouring of waiting cases after a screening run.</summary>
public sealed partial class CaseIntake
{
    /// <summary>Radius of the small disc a clue's point is screened as: a phone fix is good to a few metres.</summary>
    public const double PointScreeningRadiusMetres = 5;

    /// <summary>
    /// Screens a reported polygon against the stored layers of <paramref name="countyCode"/> (<see cref="Gengbao.Storage.Screening.StoredShapeScreening"/>)
    /// and returns the report with class, reason and the areas in its detail. Unchanged when there is no screening
    /// service, the geometry is not a polygon or no land survey is loaded.
    /// </summary>
    internal async Task<CaseReport> ScreenAsync(string countyCode, CaseReport report, CancellationToken cancellationToken)
    {
        if (shapes is null || await shapes.ScreenAsync(countyCode, time.GetUtcNow().Year, report.Geometry, report.Title, cancellationToken)
                .ConfigureAwait(false) is not { } screened)
        {
            return report;
        }
        var screeningClass = screened.Class == ScreeningClass.Green ? "green" : "yellow";
        var detail = report.Detail ?? [];
        detail["screening"] = ScreeningDetail(screeningClass, screened);
        return report with
        {
            ScreeningClass = screeningClass,
            Reason = string.IsNullOrWhiteSpace(report.Reason) ? screened.Reason : $"{report.Reason}；{screened.Reason}",
            Detail = detail,
        };
    }

    /// <summary>
    /// Screens a public clue's point as a disc of <see cref="PointScreeningRadiusMetres"/> and records what the stored
    /// layers say there (cultivated land, approvals). A clue stays yellow whatever the layers say: someone saw something
    /// on the ground, and an approval on file does not show that the use matches it, so a person always looks.
    /// </summary>
    internal async Task<CaseReport> ScreenPointAsync(string countyCode, CaseReport report, CancellationToken cancellationToken)
    {
        if (shapes is null || report.Geometry is not Point point)
        {
            return report;
        }
        var latitude = point.Y * Math.PI / 180;
        var dy = PointScreeningRadiusMetres / 111_320.0;
        var disc = point.Buffer(dy, 8);
        // Stretch east-west so the disc is round on the ground, not in degrees.
        var stretched = new NetTopologySuite.Geometries.Utilities.AffineTransformation()
            .Translate(-point.X, -point.Y).Scale(1 / Math.Cos(latitude), 1).Translate(point.X, point.Y).Transform(disc);
        stretched.SRID = point.SRID;
        if (await shapes.ScreenAsync(countyCode, time.GetUtcNow().Year, stretched, report.Title, cancellationToken).ConfigureAwait(false) is not { } screened)
        {
            return report;
        }
        var found = screened.Class == ScreeningClass.Green ? "green" : "yellow";
        var detail = report.Detail ?? [];
        detail["screening"] = ScreeningDetail(found, screened);
        return report with
        {
            ScreeningClass = "yellow",
            Reason = $"{report.Reason}；筛查（线索点 {PointScreeningRadiusMetres:0} 米范围）：{screened.Reason}"
                + (found == "green" ? "；公众线索仍需现场核查" : ""),
            Detail = detail,
        };
    }

    private static JsonObject ScreeningDetail(string screeningClass, PatchScreening screened) => new()
    {
        ["class"] = screeningClass, ["patchM2"] = Math.Round(screened.PatchArea, 2), ["cultivatedM2"] = Math.Round(screened.CultivatedArea, 2),
        ["approvedM2"] = Math.Round(screened.ApprovedArea, 2),
    };

    /// <summary>
    /// After a screening run of <paramref name="countyCode"/> and <paramref name="year"/>: every case still yellow and
    /// waiting for its check whose sources are all change patches now screened green passes (<c>auto_pass</c> by
    /// <c>system</c>, event naming the run), its verification task done. Red, judged and closed cases are never
    /// touched, nor cases a person reported (patrol, public): those keep their check. Green → yellow does not reopen
    /// a closed case (docs/cases.md).
    /// </summary>
    public async Task<IReadOnlyList<IntakeResult>> RecolourAsync(NpgsqlConnection connection, string countyCode, int year, CancellationToken cancellationToken)
    {
        var candidates = new List<(long Id, string Unit, long Run, string Reason)>();
        await using (var select = new NpgsqlCommand(CaseSql.RecolourCandidates, connection))
        {
            select.Parameters.AddWithValue(countyCode);
            select.Parameters.AddWithValue(year);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                candidates.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? "" : reader.GetString(3)));
            }
        }
        var now = time.GetUtcNow();
        var pass = CaseStateMachine.Resolve(CaseState.Verifying, CaseAction.AutoPass, CaseActor.System);
        var results = new List<IntakeResult>(candidates.Count);
        foreach (var (id, unit, run, reason) in candidates)
        {
            await using (var update = new NpgsqlCommand(
                "UPDATE problem_case SET state = $2, code = 'green', judgement = 'legal_with_approval', closed_at = $3, updated_at = $3 WHERE id = $1", connection))
            {
                update.Parameters.AddWithValue(id);
                update.Parameters.AddWithValue(CaseNames.Name(pass.To));
                update.Parameters.AddWithValue(now);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using (var sources = new NpgsqlCommand("UPDATE case_source SET screening_class = 'green' WHERE case_id = $1", connection))
            {
                sources.Parameters.AddWithValue(id);
                await sources.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await CaseTasks.CompleteAsync(connection, id, CaseTaskKind.Verification, now, cancellationToken).ConfigureAwait(false);
            var detail = new JsonObject { ["screeningRun"] = run, ["year"] = year }.ToJsonString();
            await CaseEvents.AppendAsync(connection, countyCode, id, unit, now, CaseActor.System, CaseActor.System, CaseNames.Name(CaseAction.AutoPass),
                CaseNames.Name(CaseState.Verifying), CaseNames.Name(pass.To), $"screening run {run} re-screened the patches green: {reason}", detail,
                cancellationToken).ConfigureAwait(false);
            results.Add(new IntakeResult(id, IntakeResult.Recoloured, CaseNames.Name(pass.To), null));
        }
        return results;
    }
}
