using System.Globalization;
using System.Text;

namespace Gengbao.Import.Shapefile;

/// <summary>
/// Picks the text encoding of a shapefile's .dbf: the .cpg file when there is one, else the DBF header's language
/// driver id (byte 29) when it names a definite code page, else GBK, because Chinese survey data written by
/// ArcGIS on a Chinese Windows usually carries no .cpg and the "ANSI" driver id 0x57, which means the writer's
/// system code page (936 there).
/// </summary>
internal static class DbfCodePage
{
    /// <summary>Code page 936 (GBK), the default for Chinese data without a definite declaration.</summary>
    public const int Gbk = 936;

    static DbfCodePage() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding for the .dbf, with how it was chosen (for messages).</summary>
    public static (Encoding Encoding, string Source) Resolve(string? cpgPath, byte languageDriverId)
    {
        if (cpgPath is not null)
        {
            var declared = File.ReadAllText(cpgPath).Trim().Trim('\uFEFF').Trim();
            if (declared.Length > 0)
            {
                var encoding = FromCpg(declared)
                    ?? throw new FormatException($"the .cpg file names the code page '{declared}', which is not a known encoding");
                return (encoding, $".cpg '{declared}'");
            }
        }
        if (FromLanguageDriverId(languageDriverId) is { } codePage)
        {
            return (Create(codePage), $"DBF language driver 0x{languageDriverId:X2}");
        }
        return (Create(Gbk), "default GBK (no .cpg, no definite language driver)");
    }

    /// <summary>Reads the .cpg text: an encoding name (UTF-8, GBK, GB2312, GB18030, Big5…) or a code page number (936, CP936, ANSI 936, 65001).</summary>
    public static Encoding? FromCpg(string declared)
    {
        var name = declared.Trim().ToUpperInvariant();
        switch (name)
        {
            case "UTF-8" or "UTF8" or "65001" or "CP65001":
                return Create(65001);
            // GB2312 text is a subset of GBK; decoding it as GBK also reads the extra characters writers slip in.
            case "GBK" or "GB2312" or "GB_2312-80" or "EUC-CN" or "CP936" or "936" or "MS936" or "WINDOWS-936":
                return Create(Gbk);
            case "GB18030" or "54936":
                return Create(54936);
            case "BIG5" or "BIG-5":
                return Create(950);
        }
        foreach (var prefix in new[] { "ANSI ", "OEM ", "CP", "WINDOWS-", "IBM", "MS" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && TryCodePage(name[prefix.Length..].Trim(), out var prefixed))
            {
                return prefixed;
            }
        }
        // ESRI writes ISO 8859 parts as "88591", "88595"…
        if (name.StartsWith("8859", StringComparison.Ordinal) && name.Length > 4
            && int.TryParse(name.AsSpan(4).TrimStart('-'), NumberStyles.None, CultureInfo.InvariantCulture, out var part))
        {
            return TryCreate(28590 + part);
        }
        if (TryCodePage(name, out var numbered))
        {
            return numbered;
        }
        try
        {
            return Encoding.GetEncoding(declared.Trim(), EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Code page of a dBASE language driver id, or null when the id says nothing definite: 0 (none) and 0x57
    /// (ESRI "ANSI", i.e. whatever the writing machine used).
    /// </summary>
    public static int? FromLanguageDriverId(byte id) => id switch
    {
        0x01 or 0x09 or 0x0B or 0x0D or 0x0F or 0x11 or 0x15 or 0x18 or 0x19 or 0x1B => 437,
        0x02 or 0x0A or 0x0E or 0x10 or 0x12 or 0x14 or 0x16 or 0x1A or 0x1D or 0x25 or 0x37 => 850,
        0x03 or 0x58 or 0x59 => 1252,
        0x04 => 10000,
        0x08 or 0x17 or 0x66 => 865,
        0x13 or 0x7B => 932,
        0x1C or 0x6C => 863,
        0x1F or 0x22 or 0x23 or 0x40 or 0x64 or 0x87 => 852,
        0x24 => 860,
        0x26 or 0x65 => 866,
        0x4D or 0x7A => Gbk,
        0x4E or 0x79 => 949,
        0x4F or 0x78 => 950,
        0x50 or 0x7C => 874,
        0x67 => 861,
        0x6A or 0x86 => 737,
        0x6B or 0x88 => 857,
        0x7D => 1255,
        0x7E => 1256,
        0xC8 => 1250,
        0xC9 => 1251,
        0xCA => 1254,
        0xCB => 1253,
        0xCC => 1257,
        _ => null,
    };

    private static bool TryCodePage(string text, out Encoding? encoding)
    {
        encoding = null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage))
        {
            return false;
        }
        encoding = TryCreate(codePage);
        return encoding is not null;
    }

    private static Encoding? TryCreate(int codePage)
    {
        try
        {
            return Create(codePage);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Decoding never throws: bytes that are not valid in the code page become U+FFFD, which validation can flag.</summary>
    private static Encoding Create(int codePage) => codePage == 65001
        ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false)
        : Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
}
