using System.Buffers.Binary;
using System.Text;
using Gengbao.Import.Model;

namespace Gengbao.Import.Shapefile;

/// <summary>One column of a .dbf as its descriptor declares it; <see cref="Offset"/> counts from the record start (after the deletion flag byte).</summary>
internal sealed record DbfColumn(string Name, char Type, int Offset, int Length, int Decimals)
{
    /// <summary>
    /// C → Text; N/F without decimals and at most 18 digits → Integer (fits a long); other N/F → Real; D → Date;
    /// L → Boolean. Memo and binary types carry nothing a survey layer uses and read as text.
    /// </summary>
    public FieldType FieldType => Type switch
    {
        'N' or 'F' when Decimals == 0 && Length <= 18 => FieldType.Integer,
        'N' or 'F' => FieldType.Real,
        'D' => FieldType.Date,
        'L' => FieldType.Boolean,
        _ => FieldType.Text,
    };
}

/// <summary>
/// The fixed header of a dBASE III/IV file as shapefiles use it (ESRI shapefile white paper, "dBASE file"): record
/// count, header and record lengths, language driver id and the 32-byte field descriptors ended by 0x0D.
/// </summary>
internal sealed class DbfHeader
{
    private readonly List<(byte[] Name, char Type, int Length, int Decimals)> _descriptors;

    private DbfHeader(int recordCount, int headerLength, int recordLength, byte languageDriverId,
        List<(byte[], char, int, int)> descriptors)
    {
        RecordCount = recordCount;
        HeaderLength = headerLength;
        RecordLength = recordLength;
        LanguageDriverId = languageDriverId;
        _descriptors = descriptors;
    }

    public int RecordCount { get; }
    public int HeaderLength { get; }
    public int RecordLength { get; }
    public byte LanguageDriverId { get; }

    /// <summary>Reads and checks the header; throws <see cref="FormatException"/> with a plain reason when it is not a usable .dbf.</summary>
    public static DbfHeader Read(Stream stream)
    {
        Span<byte> fixedPart = stackalloc byte[32];
        if (stream.ReadAtLeast(fixedPart, 32, throwOnEndOfStream: false) < 32)
        {
            throw new FormatException("the .dbf is shorter than its 32-byte header");
        }
        if ((fixedPart[0] & 0x07) == 4)
        {
            throw new FormatException("the .dbf is in dBASE 7 format, which shapefiles do not use; save it as dBASE III/IV");
        }
        var recordCount = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[4..]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[8..]);
        int recordLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[10..]);
        if (recordCount < 0 || headerLength < 33 || recordLength < 1)
        {
            throw new FormatException("the .dbf header is damaged (record count, header length or record length out of range)");
        }

        var rest = new byte[headerLength - 32];
        if (stream.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false) < rest.Length)
        {
            throw new FormatException("the .dbf is shorter than the header length it declares");
        }
        var descriptors = new List<(byte[], char, int, int)>();
        var used = 1; // the deletion flag
        for (var at = 0; at + 32 <= rest.Length && rest[at] != 0x0D; at += 32)
        {
            var descriptor = rest.AsSpan(at, 32);
            var nameLength = descriptor[..11].IndexOf((byte)0);
            var name = descriptor[..(nameLength < 0 ? 11 : nameLength)].ToArray();
            var type = (char)descriptor[11];
            int length = descriptor[16];
            int decimals = descriptor[17];
            if (type == 'C')
            {
                // Clipper and FoxPro store character widths above 255 with the high byte in the decimals slot.
                length |= decimals << 8;
                decimals = 0;
            }
            descriptors.Add((name, type, length, decimals));
            used += length;
        }
        if (used > recordLength)
        {
            throw new FormatException($"the .dbf fields need {used} bytes per record but the header says records are {recordLength} bytes");
        }
        var expected = (long)headerLength + (long)recordCount * recordLength;
        if (stream.CanSeek && stream.Length < expected)
        {
            var whole = (stream.Length - headerLength) / recordLength;
            throw new FormatException($"the .dbf is truncated: the header announces {recordCount} records but the file holds {Math.Max(whole, 0)}");
        }
        return new DbfHeader(recordCount, headerLength, recordLength, fixedPart[29], descriptors);
    }

    /// <summary>The columns with names decoded in the file's encoding (Chinese field names occur).</summary>
    public IReadOnlyList<DbfColumn> Columns(Encoding encoding)
    {
        var columns = new List<DbfColumn>(_descriptors.Count);
        var offset = 0;
        foreach (var (name, type, length, decimals) in _descriptors)
        {
            columns.Add(new DbfColumn(encoding.GetString(name).Trim(), char.ToUpperInvariant(type), offset, length, decimals));
            offset += length;
        }
        return columns;
    }
}
