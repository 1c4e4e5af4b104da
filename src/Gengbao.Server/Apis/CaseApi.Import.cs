using Gengbao.Cases;
using Gengbao.Server.Security;
using Gengbao.Storage.Cases;
using Microsoft.AspNetCore.Http.Features;

namespace Gengbao.Server.Apis;

/// <summary>Patch files (issued or own monitoring) uploaded by an administrator into the case loop.</summary>
public static partial class CaseApi
{
    /// <summary>A patch file: a GeoPackage or a zipped Shapefile; GeoPackages of a county run to a few hundred MB at most.</summary>
    public const long MaxPatchFileBytes = 512L * 1024 * 1024;

    private static void MapImport(RouteGroupBuilder api)
    {
        api.MapPost("/import", async (string? source, string? layer, string? county, HttpContext context, CaseIntake intake, CancellationToken ct) =>
            {
                if (!CaseNames.TryParse<CaseSourceKind>(source, out var kind) || kind is not (CaseSourceKind.Issued or CaseSourceKind.Monitoring))
                {
                    throw new CaseException(CaseError.Invalid, "source must be issued or monitoring");
                }
                if (!context.Request.HasFormContentType)
                {
                    throw new CaseException(CaseError.Invalid, "send multipart/form-data with the patch file in the field 'file' (.gpkg or a zipped Shapefile .zip)");
                }
                IFormCollection form;
                try
                {
                    form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxPatchFileBytes }, ct);
                }
                catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
                {
                    throw new CaseException(CaseError.TooLarge, $"the upload is larger than {MaxPatchFileBytes / 1024 / 1024} MB or malformed: {e.Message}");
                }
                var file = form.Files.GetFile("file") ?? throw new CaseException(CaseError.Invalid, "the patch file goes in the field 'file'");
                var name = Path.GetFileName(file.FileName);
                var extension = Path.GetExtension(name).ToLowerInvariant();
                if (extension is not (".gpkg" or ".zip" or ".geojson"))
                {
                    throw new CaseException(CaseError.Invalid, $"'{name}': send a GeoPackage (.gpkg), a zipped Shapefile (.zip) or GeoJSON (.geojson)");
                }
                var region = CurrentUser.From(context.User)!.Region;
                var folder = Directory.CreateTempSubdirectory("gengbao-case-import-");
                try
                {
                    var path = Path.Combine(folder.FullName, string.Concat(name.Split(Path.GetInvalidFileNameChars())));
                    await using (var target = File.Create(path))
                    {
                        await file.CopyToAsync(target, ct);
                    }
                    context.Audit().Target = $"case import {name}";
                    var imported = await intake.FromFileAsync(path, kind, layer, county, c => region.Covers(c), ct);
                    return Results.Ok(imported);
                }
                catch (CaseFileException e)
                {
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Patch file refused; nothing was imported",
                        extensions: new Dictionary<string, object?> { ["problems"] = e.Problems });
                }
                finally
                {
                    folder.Delete(recursive: true);
                }
            })
            .RequireAuthorization(SecurityServices.AdminPolicy)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxPatchFileBytes))
            .WithName("ImportCasePatches")
            .WithSummary("Take change patches from an uploaded file (multipart field 'file': .gpkg, zipped Shapefile or GeoJSON; query source=issued|monitoring, optional layer, county) into the case loop, screened; all or nothing");
    }
}
