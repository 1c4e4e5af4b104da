using Gengbao.Import;
using Gengbao.Import.Roster;
using Gengbao.Patrol.Tasks;
using Gengbao.Server.Patrol;
using Gengbao.Server.Security;
using Gengbao.Storage.Patrol;
using Microsoft.AspNetCore.Mvc;

namespace Gengbao.Server.Apis;

/// <summary>
/// Grid patrol (网格化巡田, docs/patrol.md) under <c>/api/patrol</c>: roster, plans, dispatch and tasks here; tracks in
/// PatrolApi.Tracks.cs, findings in PatrolApi.Findings.cs. Listing by region takes an admin code or prefix
/// (<c>region=622921100</c>), the key region-scoped access will enforce. Refusals are problem details: 400 with
/// <c>problems</c> listing every input problem, 404 for unknown ids, 409 for conflicts; nothing is written then.
/// </summary>
public static partial class PatrolApi
{
    public static void MapPatrolApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patrol").WithTags("Patrol").AddEndpointFilter(RefusalsAsProblems)
            .AddEndpointFilter(PatrolPersonalData.MaskFilter);
        MapRosterAndTasks(api);
        MapTracks(api);
        MapFindings(api);
        MapStatistics(api);
    }

    private static void MapRosterAndTasks(RouteGroupBuilder api)
    {
        api.MapPost("/roster", async (HttpRequest request, string fileName, PatrolStores stores, CancellationToken ct) =>
            {
                var content = await ReadBodyAsync(request, 50 * 1024 * 1024, ct);
                var sheet = RosterFileReader.Read(new MemoryStream(content, writable: false), fileName);
                return Results.Ok(await stores.Roster.ImportAsync(sheet, content, ct));
            })
            .WithName("ImportRoster").WithSummary("Import a roster (田管员花名册, .xlsx or .csv as the body, fileName names the format); all or nothing, every problem listed");
        api.MapGet("/roster/{cellCode}", (string cellCode, bool? history, PatrolStores stores, CancellationToken ct) =>
                stores.RosterQuery.ForCellAsync(cellCode, history ?? false, ct))
            .ReadsSensitiveData()
            .WithName("GetCellRoster").WithSummary("Managers and assistants of a grid cell; history=true includes superseded rows");

        api.MapGet("/plans", (PatrolStores stores, CancellationToken ct) => stores.Plans.ListAsync(ct))
            .WithName("ListPatrolPlans").WithSummary("Patrol plans: the seed 001 defaults per level and the regional or seasonal overrides");
        api.MapPost("/plans", (PlanRequest plan, PatrolStores stores, CancellationToken ct) =>
                stores.Plans.CreateAsync(plan.Name, plan.Level, plan.RegionPrefix ?? "", plan.Cycle, plan.Months, ct))
            .WithName("CreatePatrolPlan").WithSummary("Add a plan for a level under a region prefix, optionally for some months (1-12)");
        api.MapPut("/plans/{id:long}", (long id, PlanEdit edit, HttpContext http, PatrolStores stores, CancellationToken ct) =>
                stores.Plans.UpdateAsync(id, edit?.Name, edit?.Cycle, edit?.Months, CallerCovers(http), ct))
            .RequireAuthorization(SecurityServices.AdminPolicy).WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithName("UpdatePatrolPlan").WithSummary("Change a plan's name, cycle and months (admins, plans of their region); level and region prefix stay");
        api.MapPost("/plans/{id:long}/end", (long id, HttpContext http, PatrolStores stores, CancellationToken ct) =>
                stores.Plans.EndAsync(id, CallerCovers(http), ct))
            .RequireAuthorization(SecurityServices.AdminPolicy)
            .WithName("EndPatrolPlan").WithSummary("End an override (admins, plans of their region): its cells fall back to the next matching plan; the seeded defaults stay");

        api.MapPost("/dispatch", (DateTimeOffset? at, PatrolStores stores, CancellationToken ct) =>
                stores.Dispatcher.RunAsync(at ?? stores.Time.GetUtcNow(), ct))
            .WithName("DispatchPatrolTasks").WithSummary("Run the dispatcher now (or at a given time): send due tasks, mark overdue, write warnings; idempotent");

        api.MapGet("/tasks", (string? region, string? phone, string? state, DateTimeOffset? dueFrom, DateTimeOffset? dueTo, int? limit,
                PatrolStores stores, CancellationToken ct) =>
                stores.Tasks.ListAsync(new TaskQuery(region, phone, state, dueFrom, dueTo, limit ?? 1000), ct))
            .WithName("ListPatrolTasks").WithSummary("Tasks of a region (admin code or prefix) and/or of a person (phone on the current roster), by state and due time");
        api.MapGet("/tasks/{id:long}", (long id, PatrolStores stores, CancellationToken ct) => stores.Tasks.GetAsync(id, ct))
            .WithName("GetPatrolTask").WithSummary("One task");
        api.MapPost("/tasks/{id:long}/start", (long id, PatrolStores stores, CancellationToken ct) =>
                stores.Tasks.ChangeStateAsync(id, PatrolTaskState.InProgress, stores.Time.GetUtcNow(), null, ct))
            .WithName("StartPatrolTask").WithSummary("Start (or resume) a patrol: pending or incomplete → in_progress");
        api.MapPost("/tasks/{id:long}/finish", async (long id, double? minimumCoverage, PatrolStores stores, CancellationToken ct) =>
            {
                var report = await stores.Reports.RunAsync(id, null, ct);
                var state = TaskStateRules.Judge(report.Report, minimumCoverage ?? 0.5);
                return await stores.Tasks.ChangeStateAsync(id, state, stores.Time.GetUtcNow(), report.Report, ct);
            })
            .WithName("FinishPatrolTask").WithSummary("Finish a patrol: completed when coverage ≥ minimumCoverage (default 0.5) and the track is long enough, else incomplete");
        api.MapGet("/tasks/{id:long}/report", async (long id, double? distance, PatrolStores stores, CancellationToken ct) =>
                (await stores.Reports.RunAsync(id, new Gengbao.Patrol.Tracks.TrackOptions { CoverageDistanceM = distance ?? 50 }, ct)).Report)
            .WithName("GetPatrolReport").WithSummary("Coverage of the cell's cultivated land within distance (default 50 m) of the track, official areas; plausibility flags");
        api.MapGet("/warnings", (string? region, string? phone, string? kind, int? limit, PatrolStores stores, CancellationToken ct) =>
                stores.Warnings.ListAsync(region, phone, kind, limit ?? 1000, ct))
            .WithName("ListPatrolWarnings").WithSummary("Due-soon and overdue warnings to supervisors, by region or supervisor phone");
    }

    /// <summary>Body of <c>PUT /api/patrol/plans/{id}</c>: a new name, cycle and months (null for all year).</summary>
    public sealed record PlanEdit(string? Name, string? Cycle, IReadOnlyList<int>? Months);

    private static Func<string, bool> CallerCovers(HttpContext http)
    {
        var user = CurrentUser.From(http.User) ?? throw new PatrolException(PatrolError.Forbidden, "not signed in");
        return prefix => user.Region.Covers(prefix);
    }

    /// <summary>A new plan: level 2 prefecture .. 6 group, cycle weekly|monthly|quarterly|half_yearly.</summary>
    public sealed record PlanRequest(string Name, int Level, string? RegionPrefix, string Cycle, IReadOnlyList<int>? Months);

    private static async ValueTask<object?> RefusalsAsProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (PatrolException e)
        {
            var status = e.Error switch
            {
                PatrolError.NotFound => StatusCodes.Status404NotFound,
                PatrolError.Conflict => StatusCodes.Status409Conflict,
                PatrolError.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            };
            return Results.Problem(e.Message, statusCode: status, extensions: new Dictionary<string, object?> { ["problems"] = e.Problems });
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
        {
            // Row-level security refused a write outside the caller's region (a plan for another region).
            return Results.Problem($"outside your region: {e.MessageText}", statusCode: StatusCodes.Status403Forbidden);
        }
        catch (Exception e) when (e is SourceFileException or ArgumentException or FormatException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new PatrolException(PatrolError.Invalid, $"the upload is larger than {maxBytes / 1024 / 1024} MB");
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > maxBytes)
        {
            throw new PatrolException(PatrolError.Invalid, $"the upload is larger than {maxBytes / 1024 / 1024} MB");
        }
        return buffer.ToArray();
    }
}
