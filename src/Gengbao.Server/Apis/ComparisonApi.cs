using Gengbao.Storage.Comparison;

namespace Gengbao.Server.Apis;

/// <summary>Survey-year comparison (年度变更对比) of stored DLTB years: queue, follow, read the transfer matrix and the changes.</summary>
public static class ComparisonApi
{
    /// <summary>Body of <c>POST /api/comparison/runs</c>.</summary>
    public sealed record RunRequest(string County, int BeforeYear, int AfterYear);

    public static void MapComparisonApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/comparison").WithTags("Comparison");

        api.MapPost("/runs", async (RunRequest request, NpgsqlStores stores, HttpContext http, CancellationToken ct) =>
            {
                if (request.County is not { Length: 6 } county || !county.All(char.IsAsciiDigit))
                {
                    return Results.Problem($"county '{request.County}' is not a 6-digit county code", statusCode: StatusCodes.Status400BadRequest);
                }
                try
                {
                    var run = await stores.Comparisons.EnqueueAsync(county, request.BeforeYear, request.AfterYear, http.User.Identity?.Name ?? "api", ct);
                    return Results.Accepted($"/api/comparison/runs/{run.Id}", run);
                }
                catch (ArgumentException e)
                {
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
                }
            })
            .WithName("QueueComparison").WithSummary("Queue the comparison of a county's land-use patches (DLTB) between two stored survey years");

        api.MapGet("/runs/{id:long}", async (long id, NpgsqlStores stores, CancellationToken ct) =>
                await stores.Comparisons.GetAsync(id, ct) is { } run ? Results.Ok(run) : Results.NotFound())
            .WithName("GetComparisonRun").WithSummary("One comparison run: status, stage, areas, matrix rows and change pieces");

        api.MapGet("/matrix", async (string unit, int before, int after, NpgsqlStores stores, CancellationToken ct) =>
                Results.Ok(await stores.LandTransfers.MatrixAsync(unit, before, after, ct)))
            .WithName("GetTransferMatrix").WithSummary("Land-use transfer matrix (from DLBM → to DLBM, m²) of a unit between two survey years");

        api.MapGet("/changes.geojson", async (string unit, int before, int after, NpgsqlStores stores, CancellationToken ct) =>
                Results.Text(await stores.LandTransfers.ChangesGeoJsonAsync(unit, before, after, ct), "application/geo+json"))
            .WithName("GetCultivatedChangesGeoJson").WithSummary("Where cultivated land was lost or gained between two survey years, GeoJSON (EPSG:4490)");
    }
}
