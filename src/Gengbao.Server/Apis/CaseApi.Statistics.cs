using Gengbao.Security.Access;
using Gengbao.Server.Security;

namespace Gengbao.Server.Apis;

/// <summary>Statistics, spot checks (双随机、一公开) and the deadline check.</summary>
public static partial class CaseApi
{
    /// <summary>A spot-check draw: closed cases of a county, how many, the seed to publish, the inspectors to pair.</summary>
    public sealed record SpotCheckRequest(string? CountyCode, int Count, string? Seed, IReadOnlyList<string>? Inspectors);

    public sealed record SpotCheckResultRequest(string? Result);

    private static void MapStatistics(RouteGroupBuilder api)
    {
        api.MapGet("/statistics", (NpgsqlStores stores, TimeProvider time, CancellationToken ct) => stores.Cases.StatisticsAsync(time.GetUtcNow(), ct))
            .WithName("GetCaseStatistics").WithSummary("Cases by source, state, township and month; tasks handled in time; townships ranked by in-time rate");
        api.MapPost("/spotchecks", async (SpotCheckRequest request, HttpContext context, NpgsqlStores stores, TimeProvider time, CancellationToken ct) =>
            {
                var user = CurrentUser.From(context.User)!;
                var check = await stores.Cases.DrawSpotCheckAsync(request.CountyCode ?? "", request.Count, request.Seed ?? "",
                    request.Inspectors ?? [], user.Username, time.GetUtcNow(), ct);
                return Results.Created($"/api/cases/spotchecks/{check.Id}", check);
            })
            .RequireAuthorization(SecurityServices.AdminPolicy)
            .WithName("DrawSpotCheck").WithSummary("Draw closed cases and pair inspectors from a recorded seed (docs/cases.md: anyone can re-draw)");
        api.MapGet("/spotchecks/{id:long}", (long id, NpgsqlStores stores, CancellationToken ct) => stores.Cases.SpotCheckAsync(id, ct))
            .WithName("GetSpotCheck").WithSummary("A spot check: seed, candidates, picks and results");
        // Checked here rather than by the admin policy: EndpointAccessTests probes routes with parameters unfilled.
        api.MapPost("/spotchecks/{id:long}/picks/{rank:int}/result", async (long id, int rank, SpotCheckResultRequest request, HttpContext context,
                NpgsqlStores stores, CancellationToken ct) =>
                CurrentUser.From(context.User)!.Role.AdministersAccounts()
                    ? Results.Ok(await stores.Cases.RecordSpotCheckResultAsync(id, rank, request.Result ?? "", ct))
                    : Results.Problem("only administrators (system_admin, region_admin) record spot-check results", statusCode: StatusCodes.Status403Forbidden))
            .WithName("RecordSpotCheckResult").WithSummary("Record the inspector's result for one pick");
        api.MapPost("/escalations", (NpgsqlStores stores, TimeProvider time, CancellationToken ct) => stores.Cases.EscalateAsync(time.GetUtcNow(), ct))
            .RequireAuthorization(SecurityServices.AdminPolicy)
            .WithName("EscalateCaseTasks").WithSummary("Mark open tasks past their deadline as escalated to the grid cell one level up (once each) and list them; the scheduler does it by itself");
        api.MapGet("/escalations/notices", (int? limit, NpgsqlStores stores, CancellationToken ct) => stores.Cases.EscalationNoticesAsync(limit ?? 500, ct))
            .WithName("ListCaseEscalationNotices").WithSummary("Notices of missed deadlines for the supervising cells in the caller's region, newest first: task, case, cells, recipient, message");
    }
}
