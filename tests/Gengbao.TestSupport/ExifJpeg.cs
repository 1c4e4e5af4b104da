using System.Buffers.Binary;
using System.Text;

namespace Gengbao.TestSupport;

/// <summary>
/// A minimal JPEG (SOI, APP1 Exif, EOI) carrying GPS latitude/longitude and DateTimeOriginal, as a phone camera
/// writes them: enough for EXIF readers, no pixels. TIFF little-endian; IFD0 points to the Exif and GPS IFDs.
/// </summary>
public static class ExifJpeg
{
    public static byte[] Create(double lon, double lat, DateTime localTaken)
    {
        var tiff = new byte[512];
        var s = tiff.AsSpan();
        "II"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], 8);
        // IFD0 at 8: two entries (ExifIFD pointer, GPS IFD pointer).
        const int exifIfd = 40, gpsIfd = 80, dateAt = 200, latAt = 240, lonAt = 270;
        WriteIfd(s, 8, [(0x8769, 4, 1, exifIfd), (0x8825, 4, 1, gpsIfd)]);
        WriteIfd(s, exifIfd, [(0x9003, 2, 20, dateAt)]);
        WriteIfd(s, gpsIfd, [(0x0001, 2, 2, 'N'), (0x0002, 5, 3, latAt), (0x0003, 2, 2, 'E'), (0x0004, 5, 3, lonAt)]);
        Encoding.ASCII.GetBytes(localTaken.ToString("yyyy:MM:dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "\0").CopyTo(s[dateAt..]);
        WriteDms(s[latAt..], lat);
        WriteDms(s[lonAt..], lon);

        var app1 = new List<byte>();
        app1.AddRange("Exif\0\0"u8.ToArray());
        app1.AddRange(tiff);
        var jpeg = new List<byte> { 0xFF, 0xD8, 0xFF, 0xE1, (byte)((app1.Count + 2) >> 8), (byte)((app1.Count + 2) & 0xFF) };
        jpeg.AddRange(app1);
        jpeg.AddRange([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    private static void WriteIfd(Span<byte> s, int at, (int Tag, int Type, int Count, int Value)[] entries)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(s[at..], (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var e = s[(at + 2 + (i * 12))..];
            BinaryPrimitives.WriteUInt16LittleEndian(e, (ushort)entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(e[2..], (ushort)entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(e[4..], (uint)entries[i].Count);
            BinaryPrimitives.WriteUInt32LittleEndian(e[8..], (uint)entries[i].Value); // inline ASCII 'N'/'E' or an offset
        }
        BinaryPrimitives.WriteUInt32LittleEndian(s[(at + 2 + (entries.Length * 12))..], 0);
    }

    /// <summary>Degrees, minutes and seconds as three RATIONALs; seconds to 1/10000.</summary>
    private static void WriteDms(Span<byte> s, double value)
    {
        var d = Math.Floor(value);
        var m = Math.Floor((value - d) * 60);
        var sec = (((value - d) * 60) - m) * 60;
        (uint, uint)[] parts = [((uint)d, 1), ((uint)m, 1), ((uint)Math.Round(sec * 10000), 10000)];
        for (var i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s[(i * 8)..], parts[i].Item1);
            BinaryPrimitives.WriteUInt32LittleEndian(s[((i * 8) + 4)..], parts[i].Item2);
        }
    }
}
