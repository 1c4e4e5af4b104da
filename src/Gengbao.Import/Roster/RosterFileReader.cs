using System.Globalization;
using System.Text;
using Gengbao.Patrol.Roster;
using MiniExcelLibs;

namespace Gengbao.Import.Roster;

/// <summary>
/// Reads a roster (田管员花名册) from .xlsx (first sheet, header on row 1, via MiniExcel) or .csv (UTF-8 with or
/// without BOM, else GB18030 as Excel in China saves it) into text cells; validation is <see cref="RosterValidator"/>.
/// Excel date cells become yyyy-MM-dd; numbers keep all digits (a phone stored as a number is not 1.38E+10).
/// </summary>
public static class RosterFileReader
{
    static RosterFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>More rows than a province has field managers is not a roster.</summary>
    public const int MaxRows = 500_000;

    public static RosterSheet Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path));
    }

    /// <summary>Reads from a stream; <paramref name="fileName"/> names the format (.xlsx or .csv) and appears in errors.</summary>
    public static RosterSheet Read(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".xlsx" => ReadXlsx(stream, fileName),
                ".csv" => ReadCsv(stream, fileName),
                _ => throw new SourceFileException(fileName, null, "a roster must be an .xlsx or .csv file"),
            };
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or InvalidOperationException or NotSupportedException)
        {
            throw new SourceFileException(fileName, null, $"cannot read the roster: {e.Message}", e);
        }
    }

    private static RosterSheet ReadXlsx(Stream stream, string fileName)
    {
        var rows = new List<RosterRawRow>();
        string[] headers = [];
        var rowNumber = 1;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            var cells = row.Values.Select(Text).ToArray();
            if (rowNumber == 1)
            {
                headers = cells.Select(c => (c ?? "").Trim()).ToArray();
            }
            else if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                rows.Add(new RosterRawRow(rowNumber, ToRow(headers, cells)));
            }
            if (++rowNumber > MaxRows)
            {
                throw new SourceFileException(fileName, null, $"more than {MaxRows} rows");
            }
        }
        return new RosterSheet(fileName, headers, rows);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###############", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static RosterSheet ReadCsv(Stream stream, string fileName)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.GetEncoding("GB18030").GetString(bytes);
        }
        var records = ParseCsv(text.TrimStart('\uFEFF'));
        if (records.Count == 0)
        {
            return new RosterSheet(fileName, [], []);
        }
        var headers = records[0].Fields.Select(h => h.Trim()).ToArray();
        var rows = records.Skip(1).Where(r => r.Fields.Any(f => f.Length > 0))
            .Select(r => new RosterRawRow(r.Line, ToRow(headers, r.Fields.ToArray<string?>()))).ToList();
        if (rows.Count > MaxRows)
        {
            throw new SourceFileException(fileName, null, $"more than {MaxRows} rows");
        }
        return new RosterSheet(fileName, headers, rows);
    }

    private static Dictionary<string, string?> ToRow(string[] headers, string?[] cells)
    {
        var row = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Length; i++)
        {
            if (headers[i].Length > 0)
            {
                row[headers[i]] = i < cells.Length ? cells[i] : null;
            }
        }
        return row;
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; Line is the record's first line.</summary>
    private static List<(int Line, List<string> Fields)> ParseCsv(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((recordLine, fields));
                    fields = [];
                    recordLine = ++line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }
        return records;
    }
}
