using System.Globalization;
using Gengbao.Import.Layers;
using Gengbao.Server.OneMap;
using Gengbao.Server.Security;
using Gengbao.Storage.OneMap.Imports;
using Gengbao.Storage.Security;
using Microsoft.AspNetCore.Mvc;

namespace Gengbao.Server.Apis;

/// <summary>
/// One-map imports from the admin console (docs/web.md): an admin uploads a GeoPackage, zipped Shapefile or GeoJSON,
/// a job is queued (202), and <see cref="OneMapImportWorker"/> runs the all-or-nothing importer, its progress and
/// outcome readable here. Jobs are region-scoped by row-level security; the worker refuses features outside the
/// uploader's region.
/// </summary>
public static class OneMapImportApi
{
    public static void MapOneMapImportApi(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        var settings = ImportSettings.From(configuration);
        var api = app.MapGroup("/api/onemap/imports").WithTags("OneMap").RequireAuthorization(SecurityServices.AdminPolicy);

        api.MapPost("", async (HttpContext context, ScopedConnections connections, ImportSettings settings, CancellationToken ct) =>
            {
                var caller = CurrentUser.From(context.User)!;
                ImportUpload upload;
                try
                {
                    upload = await ImportUpload.ReadAsync(context.Request, settings, ct);
                }
                catch (UploadException e)
                {
                    return Results.Problem(e.Message, statusCode: e.StatusCode, title: "Upload refused; nothing was queued");
                }
                var folder = Path.Combine(settings.Folder, Path.GetDirectoryName(upload.StoredName)!);
                context.Audit().Target = $"onemap import {upload.FileName}";
                if (ParseOptions(context.Request.Query, upload.Fields, caller.Region.Prefix) is { } problem)
                {
                    ImportUpload.Remove(folder);
                    return Results.Problem(problem.Message, statusCode: problem.Status);
                }
                try
                {
                    var job = await new OneMapImportQueue(connections).EnqueueAsync(new NewImportJob(caller.Username, caller.Region.Prefix,
                        upload.FileName, upload.StoredName, upload.Bytes, upload.Sha256, Options(context.Request.Query, upload.Fields)), ct);
                    return Results.Accepted($"/api/onemap/imports/{job.Id}", job);
                }
                catch
                {
                    ImportUpload.Remove(folder);
                    throw;
                }
            })
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxBytes))
            .WithName("QueueOneMapImport")
            .WithSummary("Upload a survey file (.gpkg, zipped Shapefile .zip or .geojson; raw body with ?fileName= or multipart field 'file'; optional year, as, county, qc) and queue its all-or-nothing import; 202 with the job");

        api.MapGet("", async (int? limit, ScopedConnections connections, CancellationToken ct) =>
                Results.Ok(await new OneMapImportQueue(connections).ListAsync(Math.Clamp(limit ?? 50, 1, 200), ct)))
            .WithName("ListOneMapImports").WithSummary("Recent import jobs of the caller's region, newest first");

        api.MapGet("/{id:long}", async (long id, ScopedConnections connections, CancellationToken ct) =>
                await new OneMapImportQueue(connections).GetAsync(id, ct) is { } job ? Results.Ok(job) : Results.Problem($"no import job {id} in your region", statusCode: 404))
            .WithName("GetOneMapImport").WithSummary("One import job: status, stage, progress, per-layer counts or the problems that refused the file");
    }

    private static string? Value(IQueryCollection query, IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var field) && field.Trim().Length > 0 ? field.Trim()
        : query[name].ToString() is { Length: > 0 } q ? q.Trim() : null;

    private static ImportJobOptions Options(IQueryCollection query, IReadOnlyDictionary<string, string> fields) => new(
        Value(query, fields, "year") is { } year ? int.Parse(year, CultureInfo.InvariantCulture) : null,
        Value(query, fields, "as")?.ToUpperInvariant(),
        Value(query, fields, "county"),
        Value(query, fields, "qc") is "true" or "1" or "on");

    private static (int Status, string Message)? ParseOptions(IQueryCollection query, IReadOnlyDictionary<string, string> fields, string region)
    {
        if (Value(query, fields, "year") is { } year && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1949 or > 2100))
        {
            return (400, $"year '{year}' is not a survey year");
        }
        if (Value(query, fields, "as") is { } layer && LayerSchemas.ByName(layer) is null)
        {
            return (400, $"as '{layer}' is not a layer type; use one of {string.Join(", ", LayerSchemas.All.Select(s => s.Code))}");
        }
        if (Value(query, fields, "qc") is { } qc && qc is not ("true" or "false" or "1" or "0" or "on"))
        {
            return (400, $"qc must be true or false, not '{qc}'");
        }
        if (Value(query, fields, "county") is { } county)
        {
            if (county.Length != 6 || !county.All(char.IsAsciiDigit))
            {
                return (400, $"county '{county}' is not a 6-digit county code");
            }
            if (!county.StartsWith(region, StringComparison.Ordinal))
            {
                return (403, $"county {county} is outside your region {region}");
            }
        }
        return null;
    }
}
