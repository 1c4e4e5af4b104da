using System.Globalization;
using System.Text;
using Gengbao.Import.Model;

namespace Gengbao.Import.Shapefile;

/// <summary>
/// Converts the fixed-width text of one DBF cell to the model's CLR type. Blank cells are null (dBASE has no other
/// null); a cell that does not parse as its declared type is returned as <see cref="RawValue"/> with its text, so
/// validation can report "'abc' is not a number" instead of the reader failing or dropping it.
/// </summary>
internal static class DbfValue
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static object? Parse(ReadOnlySpan<byte> cell, DbfColumn column, Encoding encoding)
    {
        return column.FieldType switch
        {
            FieldType.Integer => ParseInteger(cell, encoding),
            FieldType.Real => ParseReal(cell, encoding),
            FieldType.Date => ParseDate(cell, encoding),
            FieldType.Boolean => ParseLogical(cell, encoding),
            _ => ParseText(cell, encoding),
        };
    }

    private static string? ParseText(ReadOnlySpan<byte> cell, Encoding encoding)
    {
        // Padding is trailing spaces (or NULs from some writers). 0x20 and 0x00 never occur inside a GBK or UTF-8
        // multi-byte character, so trimming bytes before decoding is safe.
        var trimmed = cell.TrimEnd(" \0"u8);
        return trimmed.IsEmpty ? null : encoding.GetString(trimmed);
    }

    private static object? ParseInteger(ReadOnlySpan<byte> cell, Encoding encoding)
    {
        var text = cell.Trim(" \0"u8);
        if (text.IsEmpty)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, Invariant, out var value))
        {
            return value;
        }
        // Some writers put "12.000" or "1.2E+3" into N(n,0); accept them when the value is a whole number.
        if (double.TryParse(text, NumberStyles.Float, Invariant, out var real)
            && double.IsFinite(real) && Math.Floor(real) == real && Math.Abs(real) < 9.2e18)
        {
            return (long)real;
        }
        return Raw(text, encoding);
    }

    private static object? ParseReal(ReadOnlySpan<byte> cell, Encoding encoding)
    {
        var text = cell.Trim(" \0"u8);
        if (text.IsEmpty)
        {
            return null;
        }
        // double.TryParse accepts "NaN" and "Infinity"; neither is a measured value, so they stay raw.
        if (double.TryParse(text, NumberStyles.Float, Invariant, out var value) && double.IsFinite(value))
        {
            return value;
        }
        return Raw(text, encoding);
    }

    private static object? ParseDate(ReadOnlySpan<byte> cell, Encoding encoding)
    {
        var text = cell.Trim(" \0"u8);
        if (text.IsEmpty || (text.Length == 8 && text.IndexOfAnyExcept((byte)'0') < 0))
        {
            return null;
        }
        Span<char> chars = stackalloc char[8];
        if (text.Length == 8 && Encoding.ASCII.TryGetChars(text, chars, out _)
            && DateOnly.TryParseExact(chars, "yyyyMMdd", Invariant, DateTimeStyles.None, out var date))
        {
            return date;
        }
        return Raw(text, encoding);
    }

    private static object? ParseLogical(ReadOnlySpan<byte> cell, Encoding encoding)
    {
        var text = cell.Trim(" \0"u8);
        if (text.IsEmpty)
        {
            return null;
        }
        if (text.Length == 1)
        {
            switch ((char)text[0])
            {
                case 'T' or 't' or 'Y' or 'y' or '1':
                    return true;
                case 'F' or 'f' or 'N' or 'n' or '0':
                    return false;
                case '?':
                    return null; // dBASE's "not initialised"
            }
        }
        return Raw(text, encoding);
    }

    private static RawValue Raw(ReadOnlySpan<byte> text, Encoding encoding) => new(encoding.GetString(text));
}
