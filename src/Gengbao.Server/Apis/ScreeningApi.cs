using Gengbao.Storage.Screening;

namespace Gengbao.Server.Apis;

/// <summary>
/// Smart screening (智能筛查) in the platform: queue runs over the stored change patches of a county or prefecture,
/// follow their progress, read the green/yellow results with their reasons, and draw them (GeoJSON).
/// </summary>
public static class ScreeningApi
{
    /// <summary>Body of <c>POST /api/screening/runs</c>.</summary>
    /// <param name="Region">County (6 digits), prefecture (4) or province (2) code.</param>
    /// <param name="Year">Year of the change patches.</param>
    public sealed record RunRequest(string Region, int Year);

    public static void MapScreeningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/screening").WithTags("Screening");

        api.MapPost("/runs", async (RunRequest request, NpgsqlStores stores, HttpContext http, CancellationToken ct) =>
            {
                IReadOnlyList<QueuedRun> runs;
                try
                {
                    runs = await stores.ScreeningRuns.EnqueueAsync(request.Region ?? "", request.Year, http.User.Identity?.Name ?? "api", ct);
                }
                catch (ArgumentException e)
                {
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
                }
                return runs.Count == 0
                    ? Results.Problem($"no change patches (BHTB) of {request.Year} are stored under {request.Region}", statusCode: StatusCodes.Status404NotFound)
                    : Results.Accepted($"/api/screening/runs?region={request.Region}", runs);
            })
            .WithName("QueueScreeningRuns").WithSummary("Queue screening of every change patch of a county or prefecture and year: one background run per county");

        api.MapGet("/runs", async (string? region, int? limit, NpgsqlStores stores, CancellationToken ct) =>
                Results.Ok(await stores.ScreeningRuns.ListAsync(region ?? "", Math.Clamp(limit ?? 50, 1, 1000), ct)))
            .WithName("ListScreeningRuns").WithSummary("Latest screening runs under a region, newest first, with status and progress");

        api.MapGet("/runs/{id:long}", async (long id, NpgsqlStores stores, CancellationToken ct) =>
                await stores.ScreeningRuns.GetAsync(id, ct) is { } run ? Results.Ok(run) : Results.NotFound())
            .WithName("GetScreeningRun").WithSummary("One screening run: status, progress, engine version, rules and input layer versions");

        api.MapGet("/results", async (string region, int year, string? @class, int? limit, int? offset, NpgsqlStores stores, CancellationToken ct) =>
            {
                if (@class is not (null or "green" or "yellow"))
                {
                    return Results.Problem($"class '{@class}' is not green or yellow", statusCode: StatusCodes.Status400BadRequest);
                }
                return Results.Ok(await stores.ScreeningResults.ListAsync(region, year, @class, Math.Clamp(limit ?? 100, 1, 10000), Math.Max(0, offset ?? 0), ct));
            })
            .WithName("ListScreeningResults").WithSummary("Screening results under a region for a year, by monitoring number (JCBH), areas in m²");

        api.MapGet("/results/{jcbh}", async (string jcbh, NpgsqlStores stores, CancellationToken ct) =>
                await stores.ScreeningResults.FindAsync(jcbh, ct) is { Count: > 0 } rows ? Results.Ok(rows) : Results.NotFound())
            .WithName("GetScreeningResult").WithSummary("The screening of a change patch by monitoring number: class, tags, areas, approvals and reason");

        api.MapGet("/summary", async (string region, int year, NpgsqlStores stores, CancellationToken ct) =>
                Results.Ok(await stores.ScreeningResults.SummaryAsync(region, year, ct)))
            .WithName("GetScreeningSummary").WithSummary("Per county: change patches, screened, green, yellow, non-agricultural and non-grain counts");

        api.MapGet("/patches.geojson", async (string region, int year, string? bbox, NpgsqlStores stores, CancellationToken ct) =>
            {
                double[]? box = null;
                if (bbox is not null)
                {
                    var parts = bbox.Split(',');
                    box = new double[4];
                    if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, System.Globalization.NumberStyles.Float,
                            System.Globalization.CultureInfo.InvariantCulture, out box[i])).All(ok => ok))
                    {
                        return Results.Problem($"bbox '{bbox}' is not minLon,minLat,maxLon,maxLat", statusCode: StatusCodes.Status400BadRequest);
                    }
                }
                return Results.Text(await stores.ScreeningResults.GeoJsonAsync(region, year, box, ct), "application/geo+json");
            })
            .WithName("GetScreenedPatchesGeoJson").WithSummary("Change patches with their screening class as GeoJSON (EPSG:4490) for the map");
    }
}
