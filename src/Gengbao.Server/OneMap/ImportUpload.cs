using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Gengbao.Server.OneMap;

/// <summary>
/// Streams an import upload into its own folder under the imports folder while hashing it (SHA-256), never holding
/// it in memory: either the raw body (<c>application/octet-stream</c>, name in <c>?fileName=</c>) or multipart with
/// the file in the field <c>file</c> and optional fields year, as, county, qc. Refused (nothing kept) when too large,
/// empty, not .gpkg/.zip/.geojson, or when its first bytes are not of the type its name says.
/// </summary>
public sealed class ImportUpload
{
    public static readonly string[] Extensions = [".gpkg", ".zip", ".geojson", ".json"];

    private ImportUpload(string fileName, string storedName, long bytes, string sha256, IReadOnlyDictionary<string, string> fields) =>
        (FileName, StoredName, Bytes, Sha256, Fields) = (fileName, storedName, bytes, sha256, fields);

    public string FileName { get; }

    /// <summary>Relative to the imports folder: <c>{random}/{file name}</c>, so the layer versions record the name sent.</summary>
    public string StoredName { get; }

    public long Bytes { get; }

    public string Sha256 { get; }

    /// <summary>Multipart text fields (empty for a raw body).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <exception cref="UploadException">The upload is refused; the status code says why (400 or 413).</exception>
    public static async Task<ImportUpload> ReadAsync(HttpRequest request, ImportSettings settings, CancellationToken cancellationToken)
    {
        if (request.ContentLength > settings.MaxBytes)
        {
            throw new UploadException(StatusCodes.Status413PayloadTooLarge, $"the upload is {Megabytes(request.ContentLength.Value)} MB; at most {Megabytes(settings.MaxBytes)} MB (Gengbao:Imports:MaxBytes)");
        }
        var folder = Path.Combine(settings.Folder, Guid.NewGuid().ToString("N"));
        try
        {
            var boundary = request.HasFormContentType && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
                ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            (string Name, long Bytes, string Sha256)? stored = null;
            if (boundary is null)
            {
                if (request.HasFormContentType)
                {
                    throw new UploadException(StatusCodes.Status400BadRequest, "send the file as multipart/form-data or as the raw body (application/octet-stream) with ?fileName=");
                }
                var name = request.Query["fileName"].ToString();
                stored = await SaveAsync(request.Body, name, folder, settings.MaxBytes, cancellationToken);
            }
            else
            {
                var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = settings.MaxBytes };
                while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
                {
                    if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    {
                        continue;
                    }
                    var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                    if (disposition.IsFileDisposition() && field == "file" && stored is null)
                    {
                        var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                        stored = await SaveAsync(section.Body, name, folder, settings.MaxBytes, cancellationToken);
                    }
                    else if (disposition.IsFormDisposition() && fields.Count < 16)
                    {
                        using var text = new StreamReader(section.Body);
                        var value = await text.ReadToEndAsync(cancellationToken);
                        fields[field] = value.Length > 200 ? value[..200] : value;
                    }
                }
                if (stored is null)
                {
                    throw new UploadException(StatusCodes.Status400BadRequest, "the file goes in the multipart field 'file'");
                }
            }
            var (storedName, bytes, sha256) = stored.Value;
            return new ImportUpload(Path.GetFileName(storedName), storedName, bytes, sha256, fields);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException && e is not UploadException)
        {
            Remove(folder);
            var tooLarge = e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase);
            throw new UploadException(tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                tooLarge ? $"the upload is larger than {Megabytes(settings.MaxBytes)} MB (Gengbao:Imports:MaxBytes)" : $"the upload is malformed or was cut off: {e.Message}");
        }
        catch
        {
            Remove(folder);
            throw;
        }
    }

    /// <summary>Deletes an upload's folder (a refused upload, or a job that was not recorded).</summary>
    public static void Remove(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(string Name, long Bytes, string Sha256)> SaveAsync(Stream body, string name, string folder, long maxBytes, CancellationToken cancellationToken)
    {
        name = string.Concat(Path.GetFileName(name.Replace('\\', '/')).Split(Path.GetInvalidFileNameChars())).Trim();
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (name.Length == 0 || !Extensions.Contains(extension))
        {
            throw new UploadException(StatusCodes.Status400BadRequest,
                $"'{name}': send a GeoPackage (.gpkg), a zipped Shapefile (.zip) or GeoJSON (.geojson); a File Geodatabase goes in zipped as Shapefiles or through ./gengbao import");
        }
        if (name.Length > 120)
        {
            name = name[..(120 - extension.Length)] + extension;
        }
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[16];
        var headLength = 0;
        long total = 0;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new UploadException(StatusCodes.Status413PayloadTooLarge, $"the upload is larger than {Megabytes(maxBytes)} MB (Gengbao:Imports:MaxBytes)");
                }
                if (headLength < head.Length)
                {
                    var take = Math.Min(read, head.Length - headLength);
                    Array.Copy(buffer, 0, head, headLength, take);
                    headLength += take;
                }
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        if (total == 0)
        {
            throw new UploadException(StatusCodes.Status400BadRequest, $"'{name}' is empty");
        }
        if (!LooksLike(extension, head.AsSpan(0, headLength)))
        {
            throw new UploadException(StatusCodes.Status400BadRequest, $"'{name}' is not a {Describe(extension)} by its content");
        }
        return (Path.Combine(Path.GetFileName(folder), name), total, Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant());
    }

    /// <summary>The first bytes: SQLite's header for a GeoPackage, a local file header for a zip, a JSON object for GeoJSON.</summary>
    private static bool LooksLike(string extension, ReadOnlySpan<byte> head) => extension switch
    {
        ".gpkg" => head.StartsWith("SQLite format 3\0"u8),
        ".zip" => head.StartsWith("PK\u0003\u0004"u8),
        _ => head.TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8) is [(byte)'{', ..],
    };

    private static string Describe(string extension) => extension switch
    {
        ".gpkg" => "GeoPackage (SQLite)",
        ".zip" => "zip archive",
        _ => "GeoJSON document",
    };

    private static long Megabytes(long bytes) => bytes / 1024 / 1024;
}

/// <summary>An upload refused with <see cref="StatusCode"/> (400 or 413) before any job was recorded.</summary>
public sealed class UploadException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
