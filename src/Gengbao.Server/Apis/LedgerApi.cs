using Gengbao.Geo.Codes;
using Gengbao.Ledger.Assessment;
using Gengbao.Ledger.Balance;
using Gengbao.Ledger.Optimisation;
using Gengbao.Ledger.Reports;
using Gengbao.Storage.Ledger;

namespace Gengbao.Server.Apis;

/// <summary>The farmland ledger (一本账, docs/ledger.md): per-unit totals, accounts, balances, assessment, targets, reports.</summary>
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

        api.MapGet("/accounts", (string unit, int year, bool? children, NpgsqlStores stores, CancellationToken ct) =>
                Guard(async () => Results.Ok(await stores.Ledger.Accounts.RunAsync(unit, year, children ?? true, ct))))
            .WithName("GetLedgerAccounts").WithSummary("总账/进账/出账/专账 of a unit and its child units for a survey year, with the identity check (m²)");

        api.MapGet("/balance", (string unit, int year, NpgsqlStores stores, CancellationToken ct) => Guard(async () =>
            {
                var ledger = await stores.Ledger.Accounts.RunAsync(unit, year, true, ct);
                var checks = new[] { ledger.Unit }.Concat(ledger.Children)
                    .Select(l => new { l.UnitCode, l.UnitName, l.Year, Checks = BalanceCheck.Of(l), l.Missing });
                return Results.Ok(checks);
            }))
            .WithName("GetLedgerBalance").WithSummary("占补平衡 and 进出平衡 of a unit and its child units (m²; shortfall > 0 flagged)");

        api.MapGet("/assessment", (string unit, int year, int? quarter, NpgsqlStores stores, CancellationToken ct) => Guard(async () =>
                Results.Ok((await stores.Ledger.Reports.BuildAsync(unit, year, quarter, DateTimeOffset.UtcNow, ct)).Assessment)))
            .WithName("GetLedgerAssessment").WithSummary("Target assessment score and rank of the unit's child units (rules: docs/ledger.md §5)");

        api.MapPost("/targets", async (string name, HttpRequest request, NpgsqlStores stores, CancellationToken ct) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body, ct);
                body.Position = 0;
                try
                {
                    var targets = ProtectionTargetStore.Parse(name, body);
                    return Results.Ok(new { imported = await stores.Ledger.Targets.SaveAsync(targets, name, ct) });
                }
                catch (TargetTableException e)
                {
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
                }
                catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
                {
                    return Results.Problem($"{name}: a target lies outside your region; nothing imported", statusCode: StatusCodes.Status403Forbidden);
                }
            })
            .WithName("ImportProtectionTargets").WithSummary("Import protection targets from the request body (CSV or .xlsx by ?name=); all or nothing");

        api.MapGet("/report", (string unit, int year, int? quarter, string? format, NpgsqlStores stores, CancellationToken ct) => Guard(async () =>
            {
                var report = await stores.Ledger.Reports.BuildAsync(unit, year, quarter, DateTimeOffset.UtcNow, ct);
                switch ((format ?? "html").ToLowerInvariant())
                {
                    case "html":
                        return Results.Content(LedgerHtml.Render(report), "text/html; charset=utf-8");
                    case "xlsx":
                        var stream = new MemoryStream();
                        LedgerReportBuilder.WriteWorkbook(report, stream);
                        return Results.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"ledger-{report.Unit.UnitCode}-{year}{(quarter is { } q ? $"-Q{q}" : "")}.xlsx");
                    default:
                        return Results.Problem($"format '{format}' is not html or xlsx", statusCode: StatusCodes.Status400BadRequest);
                }
            }))
            .WithName("GetLedgerReport").WithSummary("Statistical report of the ledger as printable HTML or an Excel workbook");

        api.MapGet("/pbf-optimisation", (string unit, int year, double? gap, decimal? minBlock, double? minShare, NpgsqlStores stores, CancellationToken ct) => Guard(async () =>
            {
                var defaults = new PbfOptimisationOptions();
                var options = new PbfOptimisationOptions
                {
                    GapMetres = gap ?? defaults.GapMetres, MinBlockArea = minBlock ?? defaults.MinBlockArea, MinShareInside = minShare ?? defaults.MinShareInside,
                };
                if (options.GapMetres is < 0 or > 1000 || options.MinBlockArea < 0 || options.MinShareInside is <= 0 or > 1)
                {
                    return Results.Problem("gap must be 0-1000 m, minBlock ≥ 0 m², minShare in (0, 1]", statusCode: StatusCodes.Status400BadRequest);
                }
                var run = await stores.Ledger.Pbf.RunAsync(unit, year, options, [], ct);
                return Results.Ok(PbfOptimisationJson(run));
            }))
            .WithName("GetPbfOptimisation").WithSummary("PBF optimisation support: withdrawal candidates (fragments, slope grade 5), high-standard farmland to add, contiguity statistics (m²; docs/ledger.md §7)");
    }

    /// <summary>The optimisation without geometries (the CLI writes them to a GeoPackage); reasons as names.</summary>
    private static object PbfOptimisationJson(PbfOptimisationRun run)
    {
        var r = run.Result;
        return new
        {
            run.UnitCode, run.CountyCode, run.Year,
            Options = new { r.Options.GapMetres, r.Options.MinBlockArea, r.Options.MinShareInside },
            r.Contiguity,
            Withdraw = r.Withdraw.Select(w => new
            {
                w.Fid, w.Bsm, w.VillageCode, w.OfficialArea, w.Block, w.BlockArea,
                Reasons = Enum.GetValues<WithdrawReasons>().Where(x => x != WithdrawReasons.None && (w.Reasons & x) != 0).Select(x => x.ToString()),
                w.SteepShare,
            }),
            Add = r.Add.Select(a => new { a.ProjectFid, a.ProjectNo, a.ProjectName, a.Area }),
            Totals = new
            {
                Fragment = r.WithdrawArea(WithdrawReasons.Fragment), SteepSlope = r.WithdrawArea(WithdrawReasons.SteepSlope),
                Withdraw = r.Withdraw.Sum(w => w.OfficialArea), Add = r.Add.Sum(a => a.Area),
            },
        };
    }

    /// <summary>Unknown unit or year, malformed code: 400 with the reason.</summary>
    private static async Task<IResult> Guard(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (ArgumentException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
