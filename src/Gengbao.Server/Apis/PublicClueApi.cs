using Gengbao.Server.Cases;
using Gengbao.Server.Security;
using Gengbao.Storage.Cases;

namespace Gengbao.Server.Apis;

/// <summary>
/// Public clues (公众监督, docs/cases.md), the anonymous endpoints of the case loop: report a clue, follow it by its
/// tracking number, and read the published spot checks. Both are rate limited per client address (the public fixed window); uploads are limited in size
/// and checked by content; the answer never carries personal data.
/// </summary>
public static class PublicClueApi
{
    public sealed record ClueCreated(string TrackingNumber);

    public static void MapPublicClueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/public/clues").WithTags("Public clues").AllowAnonymous().RequireRateLimiting(SecurityServices.PublicRateLimit);
        api.MapPost("", async (HttpContext context, PublicClueStore clues, CancellationToken ct) =>
            {
                try
                {
                    var (form, photos) = await CaseUploads.ReadAsync(context.Request, "photos", PublicClueStore.MaxPhotos, allowPdf: false, ct);
                    if (!TryCoordinate(form["lon"], out var lon) || !TryCoordinate(form["lat"], out var lat))
                    {
                        throw new CaseException(CaseError.Invalid, "lon and lat are required decimal degrees (CGCS2000 longitude, latitude)");
                    }
                    var contact = form["contact"].ToString();
                    var tracking = await clues.SubmitAsync(new PublicClueSubmission(lon, lat, form["description"].ToString(),
                        string.IsNullOrWhiteSpace(contact) ? null : contact, photos, context.Connection.RemoteIpAddress?.ToString()), ct);
                    context.Audit().Target = $"clue {tracking}";
                    return Results.Created($"/api/public/clues/{tracking}", new ClueCreated(tracking));
                }
                catch (CaseException e)
                {
                    return Results.Problem(e.Message, statusCode: e.Error switch
                    {
                        CaseError.TooLarge => StatusCodes.Status413PayloadTooLarge,
                        _ => StatusCodes.Status400BadRequest,
                    });
                }
            })
            .WithMetadata(CaseUploads.SizeLimit)
            .WithName("SubmitPublicClue")
            .WithSummary("Report a clue (multipart: lon, lat, description, optional contact, 0-5 JPEG/PNG photos ≤ 10 MB each, ≤ 51 MB in all) → 201 {trackingNumber}");
        api.MapGet("/{trackingNumber}", async (string trackingNumber, PublicClueStore clues, CancellationToken ct) =>
                await clues.StatusAsync(trackingNumber, ct) is { } view
                    ? Results.Ok(view)
                    : Results.Problem($"no clue with tracking number '{trackingNumber}'", statusCode: StatusCodes.Status404NotFound))
            .WithName("GetPublicClueStatus")
            .WithSummary("Status of a clue by tracking number: {trackingNumber, status, statusLabel, receivedAt, updatedAt, history:[{at, status, label}]}");
        MapPublicSpotChecks(app);
    }

    /// <summary>
    /// 双随机、一公开: the spot checks published without sign-in, with seed, candidate case ids, picks and results and
    /// no personal data, so anyone can re-draw them (docs/cases.md).
    /// </summary>
    private static void MapPublicSpotChecks(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/public/spotchecks").WithTags("Public spot checks").AllowAnonymous().RequireRateLimiting(SecurityServices.PublicRateLimit)
            .MapGet("", async (string? county, int? limit, PublicSpotChecks checks, CancellationToken ct) =>
            {
                try
                {
                    return Results.Ok(await checks.ListAsync(county, limit ?? 50, ct));
                }
                catch (CaseException e)
                {
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
                }
            })
            .WithName("GetPublicSpotChecks")
            .WithSummary("Published spot checks, newest first (optional county prefix): seed, candidate case ids and count, picks with score and result; re-draw with SHA-256(seed|id)");
    }

    private static bool TryCoordinate(string? text, out double value) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
