using Gengbao.Exchange.Catalog;
using Gengbao.Exchange.Packages;
using Gengbao.Security.Access;
using Gengbao.Server.Security;
using Gengbao.Storage.Exchange;
using Gengbao.Storage.Security;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Gengbao.Server.Apis;

/// <summary>
/// Data exchange between departments (数据汇交, docs/exchange.md): the shared catalog, push (upload a package) and
/// pull (download a package of a one-map item of the caller's region), and the delivery log. Per-department
/// credentials are accounts: role <c>exchange</c> for the agriculture side, the bureau's own accounts for natural resources.
/// </summary>
public static class ExchangeApi
{
    /// <summary>Body of <c>PUT /api/exchange/catalog/{id}</c>.</summary>
    /// <summary>Marks endpoints only exchange accounts and administrators may call (EndpointAccessTests reads it).</summary>
    public sealed record ExchangeAccountsOnly;

    public sealed record CatalogEdit(string Name, DeliveryFrequency Frequency, int DeadlineDays, IReadOnlyList<CatalogLayer> Layers);

    public static void MapExchangeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exchange").WithTags("Exchange");
        api.MapGet("/catalog", async (NpgsqlStores stores, CancellationToken ct) => Results.Ok(await stores.ExchangeCatalog.ListAsync(ct)))
            .WithName("ListExchangeCatalog").WithSummary("The shared catalog: datasets per direction with owner, frequency, deadline and required layers and fields");
        api.MapPut("/catalog/{id}", async (string id, CatalogEdit edit, NpgsqlStores stores, HttpContext http, CancellationToken ct) =>
            {
                if (edit is null || string.IsNullOrWhiteSpace(edit.Name) || edit.DeadlineDays is < 1 or > 366 || edit.Layers is not { Count: > 0 })
                {
                    return Results.Problem("name, deadlineDays (1–366) and at least one layer are required", statusCode: StatusCodes.Status400BadRequest);
                }
                return await stores.ExchangeCatalog.UpdateAsync(id, edit.Name, edit.Frequency, edit.DeadlineDays, edit.Layers, http.User.Identity?.Name ?? "api", ct)
                    ? Results.NoContent()
                    : Results.Problem($"no catalog item '{id}'", statusCode: StatusCodes.Status404NotFound);
            })
            .RequireAuthorization(SecurityServices.AdminPolicy).WithMetadata(new RequestSizeLimitAttribute(64 * 1024))
            .WithName("EditExchangeCatalogItem").WithSummary("Edit a catalog item (admins)");

        api.MapPost("/packages", async (HttpRequest request, NpgsqlDataSource owner, CancellationToken ct) =>
            {
                var user = CurrentUser.From(request.HttpContext.User)!;
                var name = request.Query["name"].ToString() is { Length: > 0 } n ? Path.GetFileName(n) : "upload.zip";
                var outcome = await new DeliveryReceiver(owner).ReceiveAsync(request.Body, name, "api", user.Username, user.Region, ct);
                var body = new { deliveryId = outcome.DeliveryId, status = outcome.Accepted ? "accepted" : "refused", reason = outcome.Reason,
                    layerVersions = outcome.LayerVersions, problems = outcome.Problems };
                return outcome.Accepted ? Results.Ok(body) : Results.UnprocessableEntity(body);
            })
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(Roles.Exchange, Roles.SystemAdmin, Roles.RegionAdmin))
            .WithMetadata(new ExchangeAccountsOnly(), new RequestSizeLimitAttribute(PackageLimits.Default.MaxTotalBytes))
            .WithName("DeliverExchangePackage").WithSummary("Push: upload an exchange package (zip); verified, checked and loaded all or nothing");

        api.MapGet("/packages", async (string item, string region, int year, NpgsqlStores stores, HttpContext http, CancellationToken ct) =>
            {
                var user = CurrentUser.From(http.User)!;
                var catalogItem = (await stores.ExchangeCatalog.ListAsync(ct)).FirstOrDefault(i => i.Id == item);
                if (catalogItem is not { OneMapLayers: true })
                {
                    return Results.Problem($"'{item}' is not a catalog item held in the one map", statusCode: StatusCodes.Status404NotFound);
                }
                if (!user.Region.Covers(region))
                {
                    return Results.Problem($"region {region} is outside your region", statusCode: StatusCodes.Status403Forbidden);
                }
                var scratch = Directory.CreateTempSubdirectory("gengbao-pack-");
                try
                {
                    var buffer = new MemoryStream();
                    var producer = new PackageProducer(user.Role == Role.Exchange ? Departments.Agriculture : Departments.NaturalResources, user.DisplayName, user.Username);
                    await stores.Packages.BuildAsync(catalogItem, region, year, producer, DateTimeOffset.UtcNow, buffer, scratch.FullName, ct);
                    return Results.File(buffer.ToArray(), "application/zip", $"{item}-{region}-{year}.zip");
                }
                catch (InvalidOperationException e)
                {
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
                }
                finally
                {
                    scratch.Delete(recursive: true);
                }
            })
            .WithName("PullExchangePackage").WithSummary("Pull: a package of a one-map catalog item for a region and year of your region");

        // Pull of pushes: new non-grain patches on PBF since the caller's watermark, as GeoJSON; `next` is the watermark to send next time.
        api.MapGet("/outbox", async (long? since, int? limit, NpgsqlDataSource owner, ScopedConnections scoped, CancellationToken ct) =>
            {
                await NonGrainPushes.CollectAsync(owner, ct);
                var entries = await NonGrainPushes.PullAsync(scoped, since ?? 0, Math.Clamp(limit ?? 1000, 1, 10000), ct);
                return Results.Ok(new
                {
                    type = "FeatureCollection",
                    catalogItem = NonGrainPushes.CatalogItem,
                    next = entries.Count == 0 ? since ?? 0 : entries[^1].Id,
                    features = entries.Select(e => e.Feature),
                });
            })
            .WithName("PullExchangeOutbox").WithSummary("Pushes to pull: non-grain patches on permanent basic farmland found since the watermark (GeoJSON, EPSG:4490 lon/lat)");

        api.MapGet("/deliveries", async (string? item, int? limit, NpgsqlStores stores, CancellationToken ct) =>
                Results.Ok(await stores.Deliveries.ListAsync(item, Math.Clamp(limit ?? 100, 1, 1000), ct)))
            .WithName("ListExchangeDeliveries").WithSummary("Deliveries received in your region, newest first: who, what, when, accepted or refused and why");
    }
}
