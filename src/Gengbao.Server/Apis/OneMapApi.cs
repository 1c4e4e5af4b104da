using System.Net;
using System.Text;
using Gengbao.Server.Security;
using Gengbao.Storage.OneMap;
using QRCoder;

namespace Gengbao.Server.Apis;

/// <summary>
/// The one map's read API: current layer versions, a parcel by its spatial code (空间码), the parcel page that a
/// warning post's QR code opens, and that QR code as PNG and SVG.
/// </summary>
public static class OneMapApi
{
    public static void MapOneMapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/onemap").WithTags("One map");
        api.MapGet("/layers", (NpgsqlStores stores, CancellationToken ct) => stores.Parcels.CurrentVersionsAsync(ct))
            .WithName("ListLayerVersions").WithSummary("Current layer versions per layer, county and survey year");
        api.MapGet("/parcels/{code}", async (string code, NpgsqlStores stores, CancellationToken ct) =>
                await stores.Parcels.FindAsync(code, ct) is { Count: > 0 } found
                    ? Results.Ok(found.Select(ParcelView.From))
                    : Results.Problem($"no parcel has the spatial code '{code}'", statusCode: StatusCodes.Status404NotFound))
            .WithName("GetParcel").WithSummary("Parcels with this spatial code, newest year first: attributes, official area in m² and mu, GeoJSON");
        api.MapGet("/parcels/{code}/qr.png", (string code, HttpRequest request) =>
                Results.File(new PngByteQRCode(QrData(ParcelUrl(request, code))).GetGraphic(8), "image/png"))
            .AllowAnonymous().RequireRateLimiting(SecurityServices.PublicRateLimit).WithName("GetParcelQrPng").WithSummary("QR code (PNG) carrying the parcel page URL, for warning posts");
        api.MapGet("/parcels/{code}/qr.svg", (string code, HttpRequest request) =>
                Results.Text(new SvgQRCode(QrData(ParcelUrl(request, code))).GetGraphic(8), "image/svg+xml"))
            .AllowAnonymous().RequireRateLimiting(SecurityServices.PublicRateLimit).WithName("GetParcelQrSvg").WithSummary("QR code (SVG) carrying the parcel page URL, for print");

        // Public: anyone who scans a warning post. Only columns graded public, whoever is logged in (PublicParcelQuery).
        app.MapGet("/p/{code}", async (string code, HttpRequest request, PublicParcelQuery parcels, CancellationToken ct) =>
            {
                var found = await parcels.FindAsync(code, ct);
                var html = ParcelPage.Render(code, found, ParcelUrl(request, code));
                return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, found.Count == 0 ? 404 : 200);
            })
            .AllowAnonymous().RequireRateLimiting(SecurityServices.PublicRateLimit).WithName("ParcelPage").WithSummary("The parcel page a warning post's QR code opens").WithTags("One map");

        // Public: the portal's clue map shows where the platform's region is (admin outlines are published data).
        app.MapGet("/api/public/regions.geojson", async (PublicRegionQuery regions, CancellationToken ct) =>
                Results.Text(await regions.GeoJsonAsync(ct), "application/geo+json", Encoding.UTF8))
            .AllowAnonymous().RequireRateLimiting(SecurityServices.PublicRateLimit).WithName("GetPublicRegions")
            .WithSummary("County and township outlines (public columns, simplified) for the public portal's map").WithTags("Public");
    }

    /// <summary>The public URL of a parcel page; <c>Gengbao:PublicUrl</c> overrides the request's own host (behind a proxy).</summary>
    private static string ParcelUrl(HttpRequest request, string code)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Gengbao:PublicUrl"];
        var origin = configured?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
        return $"{origin}/p/{WebUtility.UrlEncode(code)}";
    }

    private static QRCodeData QrData(string text)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
    }
}

/// <summary>The API view of a parcel (area in m² and mu, attributes, GeoJSON geometry).</summary>
public sealed record ParcelView(string Layer, string CountyCode, int Year, string SpatialCode, decimal AreaM2, decimal AreaMu,
    System.Text.Json.Nodes.JsonObject Attributes, System.Text.Json.Nodes.JsonNode? Geometry)
{
    public static ParcelView From(Parcel p) => new(p.Layer, p.CountyCode, p.Year, p.SpatialCode, p.AreaSquareMetres, p.AreaMu,
        p.Attributes, System.Text.Json.Nodes.JsonNode.Parse(p.GeoJson));
}
