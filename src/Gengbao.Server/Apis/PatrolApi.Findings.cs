using System.Text.Json;
using System.Text.Json.Nodes;
using Gengbao.Server.Patrol;
using Gengbao.Server.Security;
using Gengbao.Storage.Cases;
using Gengbao.Storage.Patrol;

namespace Gengbao.Server.Apis;

/// <summary>Findings and their photos.</summary>
public static partial class PatrolApi
{
    /// <summary>
    /// A new finding: category name (or Chinese label), GeoJSON Point or Polygon in longitude/latitude, optional task,
    /// and the client's id for it (a UUID made when the finding was reported and sent again on every retry).
    /// </summary>
    public sealed record FindingRequest(string Category, JsonElement Geometry, string? Notes, long? TaskId, string? ReportedBy, Guid? ClientId = null);

    /// <summary>A finding with its geometry as GeoJSON.</summary>
    public sealed record FindingResponse(long Id, string CountyCode, string CellCode, long? TaskId, string Category, string CategoryLabel,
        JsonNode? Geometry, string? SpatialCode, string? Dlbm, string Notes, string? ReportedBy, DateTimeOffset CreatedAt, int Photos)
    {
        public static FindingResponse From(FindingView f) => new(f.Id, f.CountyCode, f.CellCode, f.TaskId, f.Category, f.CategoryLabel,
            GeoJson.ToNode(f.Geometry), f.SpatialCode, f.Dlbm, f.Notes, f.ReportedBy, f.CreatedAt, f.Photos);
    }

    private static void MapFindings(RouteGroupBuilder api)
    {
        api.MapPost("/findings", async (FindingRequest finding, PatrolStores stores, CaseIntake intake, HttpContext context, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(finding.Category))
                {
                    throw new PatrolException(PatrolError.Invalid, "category is required");
                }
                var geometry = (finding.Geometry.ValueKind == JsonValueKind.Object ? GeoJson.FromElement(finding.Geometry) : null)
                    ?? throw new PatrolException(PatrolError.Invalid, "geometry must be a GeoJSON Point or Polygon");
                var (created, stored) = await stores.Findings.CreateAsync(finding.Category, geometry, finding.Notes, finding.TaskId, finding.ReportedBy,
                    finding.ClientId, ct);
                // Every finding is a problem of the case loop (source: patrol): a new case with its verification task, or
                // merged into the open case at that place (docs/cases.md). The finding is kept even if intake fails; a
                // retry (same client id) takes it in again, which finds its case by the finding id (intake is idempotent).
                var region = CurrentUser.From(context.User)?.Region;
                var taken = await intake.FromFindingAsync(created.Id, cell => region?.Covers(cell) == true, ct);
                context.Response.Headers["X-Gengbao-Case"] = taken.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return stored
                    ? Results.Created($"/api/patrol/findings/{created.Id}", FindingResponse.From(created))
                    : Results.Ok(FindingResponse.From(created));
            })
            .WithName("CreateFinding").WithSummary("Report a finding; with clientId (UUID) a retry returns the stored finding (200, no new case) and the same clientId with other content is 409. Categories: construction, to_forest, to_garden, to_grassland, to_pond, abandonment, facility_damage, other; the parcel's spatial code is resolved from DLTB; the finding enters the case loop (its case id in the X-Gengbao-Case header)");
        api.MapGet("/findings", async (string? region, long? taskId, int? limit, PatrolStores stores, CancellationToken ct) =>
                (await stores.Findings.ListAsync(region, taskId, limit ?? 1000, ct)).Select(FindingResponse.From))
            .WithName("ListFindings").WithSummary("Findings of a region (admin code or prefix) or of a task, newest first");
        api.MapGet("/findings/{id:long}", async (long id, PatrolStores stores, CancellationToken ct) =>
                FindingResponse.From(await stores.Findings.GetAsync(id, ct)))
            .WithName("GetFinding").WithSummary("One finding");
        api.MapPost("/findings/{id:long}/photos", async (long id, string? fileName, HttpRequest request, PatrolStores stores, CancellationToken ct) =>
            {
                var content = await ReadBodyAsync(request, FindingStore.MaxPhotoBytes, ct);
                return await stores.Findings.AddPhotoAsync(id, fileName ?? "photo.jpg", request.ContentType ?? "application/octet-stream", content, ct);
            })
            .WithName("AddFindingPhoto").WithSummary("Attach a photo (the image as the body); EXIF position and time are checked against the finding and the track: mismatches are flagged, not rejected");
    }
}
