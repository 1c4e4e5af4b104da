using Gengbao.Geo.Codes;

namespace Gengbao.Server.Apis;

/// <summary>Per-unit totals of cultivated land and PBF (the farmland ledger grows from here).</summary>
public static class LedgerApi
{
    public static void MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ledger").WithTags("Ledger");
        api.MapGet("/units", async (int year, string? level, string? county, NpgsqlStores stores, CancellationToken ct) =>
            {
                AdminLevel? unitLevel = (level ?? "village").ToLowerInvariant() switch
                {
                    "village" => AdminLevel.Village,
                    "township" => AdminLevel.Township,
                    "county" => AdminLevel.County,
                    "prefecture" => AdminLevel.Prefecture,
                    _ => null,
                };
                if (unitLevel is null)
                {
                    return Results.Problem($"level '{level}' is not one of village, township, county, prefecture", statusCode: StatusCodes.Status400BadRequest);
                }
                return Results.Ok(await stores.UnitTotals.RunAsync(unitLevel.Value, year, county, ct));
            })
            .WithName("GetUnitTotals").WithSummary("Cultivated land (0101/0102/0103) and PBF per unit: TBMJ sums (m²) and counts");
    }
}
