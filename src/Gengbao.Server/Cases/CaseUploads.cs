using Gengbao.Cases;
using Gengbao.Storage.Cases;
using Microsoft.AspNetCore.Http.Features;

namespace Gengbao.Server.Cases;

/// <summary>
/// Multipart uploads of the case endpoints: the whole request is refused before anything is written when it is too
/// large (413), when a file is too large (413) or when a file is not a JPEG or PNG by its content (400).
/// </summary>
public static class CaseUploads
{
    /// <summary>One photo; phone photos are 2–8 MB.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>
    /// The whole multipart body, text fields included: five photos of the full 10 MB (issue 6: up to 5 photos) and
    /// 1 MB for the fields and the multipart framing. Endpoints that read uploads raise Kestrel's 30 MB default to
    /// this with <see cref="SizeLimit"/>; anything larger is refused (413) before a byte is stored.
    /// </summary>
    public const long MaxRequestBytes = 5 * MaxFileBytes + 1024 * 1024;

    /// <summary>Endpoint metadata raising the server's request body limit to <see cref="MaxRequestBytes"/> for an upload endpoint.</summary>
    public static Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute SizeLimit => new(MaxRequestBytes);

    public static async Task<(IFormCollection Form, List<NewAttachment> Files)> ReadAsync(HttpRequest request, string filesField, int maxFiles,
        bool allowPdf, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            throw new CaseException(CaseError.TooLarge, $"the request is {request.ContentLength / 1024 / 1024} MB; at most {MaxRequestBytes / 1024 / 1024} MB in all, {MaxFileBytes / 1024 / 1024} MB per photo");
        }
        if (!request.HasFormContentType)
        {
            throw new CaseException(CaseError.Invalid, "send multipart/form-data");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes, ValueLengthLimit = 64 * 1024 }, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            throw new CaseException(CaseError.TooLarge, $"the request is larger than {MaxRequestBytes / 1024 / 1024} MB or malformed: {e.Message}");
        }
        var files = form.Files.GetFiles(filesField);
        if (form.Files.Count != files.Count)
        {
            throw new CaseException(CaseError.Invalid, $"files must be sent in the field '{filesField}'");
        }
        if (files.Count > maxFiles)
        {
            throw new CaseException(CaseError.Invalid, $"at most {maxFiles} files in '{filesField}', got {files.Count}");
        }
        var list = new List<NewAttachment>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (file.Length > MaxFileBytes)
            {
                throw new CaseException(CaseError.TooLarge, $"{filesField}[{i + 1}] '{file.FileName}' is {file.Length / 1024 / 1024} MB; at most {MaxFileBytes / 1024 / 1024} MB per file");
            }
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            var content = buffer.ToArray();
            var type = ImageCheck.ContentType(content) ?? (allowPdf && content.AsSpan().StartsWith("%PDF-"u8) ? "application/pdf" : null)
                ?? throw new CaseException(CaseError.Invalid,
                    $"{filesField}[{i + 1}] '{file.FileName}' is not a JPEG or PNG image{(allowPdf ? " or a PDF" : "")} (checked by its content, not its name)");
            list.Add(new NewAttachment(Path.GetFileName(file.FileName), type, content));
        }
        return (form, list);
    }
}
