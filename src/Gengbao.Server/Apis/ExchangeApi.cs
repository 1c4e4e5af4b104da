using Gengbao.Exchange.Catalog;
using Gengbao.Exchange.Packages;
using Gengbao.Exchange.Schedule;
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

    /// <summary>Body of <c>PUT /api/exchange/annual-updates</c>: the day a county's annual update was put into use.</summary>
    public sealed record AnnualUpdate(string Region, int Year, DateOnly InUseOn);

    /// <summary>Body of <c>POST /api/exchange/keys</c>: a sending department's SM2 public key (PEM) for a region.</summary>
    public sealed record KeyRegistration(string Department, string Region, string Name, string PublicKey);

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

        api.MapGet("/packages", async (string item, string region, int year, NpgsqlStores stores, HttpContext http, IConfiguration configuration, CancellationToken ct) =>
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
                    var producer = new PackageProducer(catalogItem.Owner, user.DisplayName, user.Username); // the data's department, whoever asks
                    // Gengbao:Exchange:SigningKey: this platform's SM2 private key (PEM file); packages served for pulls are then signed.
                    var signingKey = configuration["Gengbao:Exchange:SigningKey"] is { Length: > 0 } keyFile ? await File.ReadAllTextAsync(keyFile, ct) : null;
                    await stores.Packages.BuildAsync(catalogItem, region, year, producer, DateTimeOffset.UtcNow, buffer, scratch.FullName, ct,
                        signingKey is null ? null : bytes => Gengbao.Security.Crypto.Sm2Signer.Sign(bytes, signingKey));
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

        MapScheduleAndKeys(api);

        api.MapGet("/deliveries/{id:long}/payload", async (long id, NpgsqlStores stores, NpgsqlDataSource owner, CancellationToken ct) =>
            {
                if (await stores.Deliveries.PayloadAsync(id, ct) is not { } found)
                {
                    return Results.Problem($"no delivered payload {id} in your region", statusCode: StatusCodes.Status404NotFound);
                }
                await DeliveryLog.CountDownloadAsync(owner, id, ct);
                return Results.File(found.Payload, "application/geopackage+sqlite3", Path.ChangeExtension(found.PackageName, ".gpkg"));
            })
            .WithName("DownloadExchangePayload").WithSummary("The GeoPackage of an accepted delivery kept as delivered (items outside the one map); counted as use in the evaluation");

        api.MapGet("/deliveries", async (string? item, int? limit, NpgsqlStores stores, CancellationToken ct) =>
                Results.Ok(await stores.Deliveries.ListAsync(item, Math.Clamp(limit ?? 100, 1, 1000), ct)))
            .WithName("ListExchangeDeliveries").WithSummary("Deliveries received in your region, newest first: who, what, when, accepted or refused and why");
    }

    private static void MapScheduleAndKeys(RouteGroupBuilder api)
    {
        api.MapGet("/schedule", async (int? year, ScopedConnections scoped, TimeProvider clock, CancellationToken ct) =>
            {
                var today = DeliverySchedule.DayOf(clock.GetUtcNow());
                var result = await new ExchangeScheduleStore(scoped).LoadAsync(year ?? today.Year, today, ct);
                return Results.Ok(new
                {
                    year = result.Year, today = result.Today,
                    overdue = result.Overdue.Select(e => Entry(e, today)),
                    entries = result.Schedule.Select(e => Entry(e, today)),
                });
            })
            .WithName("ExchangeSchedule").WithSummary("Due dates per catalog item, region and period of a year (default: this year), with overdue warnings");
        api.MapGet("/evaluation", async (int year, string? format, ScopedConnections scoped, TimeProvider clock, CancellationToken ct) =>
            {
                var today = DeliverySchedule.DayOf(clock.GetUtcNow());
                var result = await new ExchangeScheduleStore(scoped).LoadAsync(year, today, ct);
                return format switch
                {
                    "csv" => Results.Text(EvaluationReport.Csv(year, today, result.Evaluations, result.Schedule), "text/csv; charset=utf-8"),
                    "html" => Results.Text(EvaluationReport.Html(year, today, result.Evaluations, result.Schedule), "text/html; charset=utf-8"),
                    _ => Results.Ok(new
                    {
                        year, today,
                        departments = result.Evaluations.Select(e => new
                        {
                            e.Department, e.Due, e.OnTime, e.Late, e.Missing, e.Accepted, e.Refused, e.Used,
                            e.Score.Timeliness, e.Score.Completeness, e.Score.Quality, e.Score.Use, e.Score.Total,
                        }),
                    }),
                };
            })
            .WithName("ExchangeEvaluation").WithSummary("The evaluation (汇交成效评估) of a year per department: timeliness, completeness, quality, use (format=csv|html for the report)");
        api.MapPut("/annual-updates", async (AnnualUpdate update, NpgsqlDataSource owner, HttpContext http, CancellationToken ct) =>
            {
                var user = CurrentUser.From(http.User)!;
                if (update is null || update.Region is not { Length: 6 } || !update.Region.All(char.IsAsciiDigit) || update.Year is < 2000 or > 2100)
                {
                    return Results.Problem("region (a 6-digit county code), year and inUseOn are required", statusCode: StatusCodes.Status400BadRequest);
                }
                if (!user.Region.Covers(update.Region))
                {
                    return Results.Problem($"region {update.Region} is outside your region", statusCode: StatusCodes.Status403Forbidden);
                }
                await new ExchangeScheduleStore(new OwnerConnections(owner)).RecordAnnualUpdateAsync(update.Region, update.Year, update.InUseOn, user.Username, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(SecurityServices.AdminPolicy).WithMetadata(new RequestSizeLimitAttribute(4 * 1024))
            .WithName("RecordAnnualUpdate").WithSummary("Record the day a county's annual update was put into use: annual items are due deadlineDays after it (admins)");
        api.MapGet("/keys", async (ScopedConnections scoped, CancellationToken ct) =>
                Results.Ok((await DepartmentKeys.ListAsync(scoped, ct)).Select(k => new { k.Id, k.Department, region = k.Region, k.Name, k.Fingerprint, publicKey = k.PublicPem, k.AddedAt, k.AddedBy })))
            .WithName("ListExchangeKeys").WithSummary("SM2 public keys of the sending departments registered in your region");
        api.MapPost("/keys", async (KeyRegistration key, NpgsqlDataSource owner, HttpContext http, CancellationToken ct) =>
            {
                var user = CurrentUser.From(http.User)!;
                if (key is null || key.Department is not (Departments.NaturalResources or Departments.Agriculture) || string.IsNullOrWhiteSpace(key.Name)
                    || key.Region is null || !key.Region.All(char.IsAsciiDigit) || key.Region.Length > 12)
                {
                    return Results.Problem("department (natural_resources or agriculture), region (a code prefix), name and publicKey (PEM) are required", statusCode: StatusCodes.Status400BadRequest);
                }
                if (!user.Region.Covers(key.Region) || (key.Region.Length == 0 && !user.Region.IsCountry))
                {
                    return Results.Problem($"region '{key.Region}' is outside your region", statusCode: StatusCodes.Status403Forbidden);
                }
                try
                {
                    var id = await DepartmentKeys.AddAsync(new OwnerConnections(owner), key.Department, key.Region, key.Name, key.PublicKey ?? "", user.Username, ct);
                    return Results.Ok(new { id });
                }
                catch (FormatException e)
                {
                    return Results.Problem($"publicKey: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
                }
            })
            .RequireAuthorization(SecurityServices.AdminPolicy).WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithName("RegisterExchangeKey").WithSummary("Register a sending department's SM2 public key for a region: its packages must then be signed (admins)");
    }

    private static object Entry(ScheduleEntry e, DateOnly today) => new
    {
        catalogItem = e.CatalogItem, owner = e.Owner, region = e.Region, year = e.Year, period = e.Period, dueDate = e.DueDate,
        deliveredAt = e.DeliveredAt, deliveryId = e.DeliveryId, status = EvaluationReport.Status(e.Status), daysLate = e.DaysLate(today),
    };
}
