using System.Globalization;

namespace Gengbao.Geo.Crs;

/// <summary>
/// A tolerant reader for the WKT grammar shared by OGC WKT1 (OGC 01-009), WKT2 (ISO 19162) and ESRI .prj files:
/// <c>KEYWORD[arg, ...]</c> or <c>KEYWORD(arg, ...)</c> where an argument is a quoted string (WKT2 doubles quotes
/// inside), a number, a bare word or a nested element. It only builds the tree; meaning is in
/// <see cref="WktCrsInterpreter"/>.
/// </summary>
internal static class WktParser
{
    private const int MaxDepth = 64;

    /// <summary>Parses the text; null with <paramref name="error"/> set when it is not well-formed WKT.</summary>
    public static WktNode? TryParse(string text, out string? error)
    {
        var position = 0;
        error = null;
        try
        {
            SkipSpace(text, ref position);
            var node = ParseNode(text, ref position, 0);
            SkipSpace(text, ref position);
            if (position != text.Length)
            {
                throw new FormatException($"unexpected text after the closing bracket at position {position + 1}");
            }
            return node;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static WktNode ParseNode(string text, ref int position, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException("WKT is nested too deeply");
        }
        var keyword = ReadWord(text, ref position);
        if (keyword.Length == 0 || !char.IsLetter(keyword[0]))
        {
            throw new FormatException($"expected a WKT keyword at position {position + 1}");
        }
        SkipSpace(text, ref position);
        if (position >= text.Length || text[position] is not ('[' or '('))
        {
            throw new FormatException($"expected '[' after {keyword} at position {position + 1}");
        }
        var close = text[position] == '[' ? ']' : ')';
        position++;
        var node = new WktNode(keyword);
        SkipSpace(text, ref position);
        if (position < text.Length && text[position] == close)
        {
            position++;
            return node;
        }
        while (true)
        {
            SkipSpace(text, ref position);
            ParseArgument(text, ref position, depth, node);
            SkipSpace(text, ref position);
            if (position >= text.Length)
            {
                throw new FormatException($"missing '{close}' to close {keyword}");
            }
            if (text[position] == ',')
            {
                position++;
                continue;
            }
            if (text[position] == close)
            {
                position++;
                return node;
            }
            throw new FormatException($"unexpected '{text[position]}' in {keyword} at position {position + 1}");
        }
    }

    private static void ParseArgument(string text, ref int position, int depth, WktNode node)
    {
        if (position >= text.Length)
        {
            throw new FormatException("WKT ends inside an element");
        }
        var c = text[position];
        if (c == '"')
        {
            node.Texts.Add(ReadQuoted(text, ref position));
        }
        else if (c is '+' or '-' or '.' || char.IsAsciiDigit(c))
        {
            node.Numbers.Add(ReadNumber(text, ref position));
        }
        else if (char.IsLetter(c))
        {
            var start = position;
            var word = ReadWord(text, ref position);
            var after = position;
            SkipSpace(text, ref position);
            if (position < text.Length && text[position] is '[' or '(')
            {
                position = start;
                node.Children.Add(ParseNode(text, ref position, depth + 1));
            }
            else
            {
                position = after;
                node.Words.Add(word);
            }
        }
        else
        {
            throw new FormatException($"unexpected '{c}' at position {position + 1}");
        }
    }

    private static string ReadQuoted(string text, ref int position)
    {
        var builder = new System.Text.StringBuilder();
        position++;
        while (position < text.Length)
        {
            var c = text[position++];
            if (c != '"')
            {
                builder.Append(c);
            }
            else if (position < text.Length && text[position] == '"')
            {
                builder.Append('"');
                position++;
            }
            else
            {
                return builder.ToString();
            }
        }
        throw new FormatException("unterminated quoted string");
    }

    private static double ReadNumber(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] is '+' or '-' or '.' or 'e' or 'E'))
        {
            position++;
        }
        var token = text.AsSpan(start, position - start);
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{token}' at position {start + 1} is not a number");
        }
        return value;
    }

    private static string ReadWord(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }
        return text[start..position];
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }
}
