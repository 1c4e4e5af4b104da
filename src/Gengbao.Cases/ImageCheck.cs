namespace Gengbao.Cases;

/// <summary>Evidence and clue photos are checked by content (magic bytes), never by file name or declared type.</summary>
public static class ImageCheck
{
    /// <summary><c>image/jpeg</c> or <c>image/png</c> when the bytes start like one; null otherwise (including empty).</summary>
    public static string? ContentType(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return "image/jpeg";
        }
        ReadOnlySpan<byte> png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        return content.StartsWith(png) ? "image/png" : null;
    }
}
