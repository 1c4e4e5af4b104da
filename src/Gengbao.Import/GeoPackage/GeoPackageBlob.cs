using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gengbao.Import.GeoPackage;

/// <summary>
/// Decodes the GeoPackage geometry blob (OGC 12-128r18 §2.1.3): "GP", version, flags, srs_id, optional envelope,
/// then standard or extended WKB. Reads the header by hand so the envelope can be skipped without copying.
/// </summary>
public static class GeoPackageBlob
{
    /// <summary>Reads the geometry; null for an empty-flagged blob. Throws <see cref="FormatException"/> when malformed.</summary>
    public static Geometry? Read(byte[] blob, WKBReader wkbReader)
    {
        var wkbOffset = WkbOffset(blob, out var isEmpty);
        if (isEmpty)
        {
            return null;
        }
        using var stream = new MemoryStream(blob, wkbOffset, blob.Length - wkbOffset, writable: false);
        return wkbReader.Read(stream);
    }

    /// <summary>Offset of the WKB after the header; <paramref name="isEmpty"/> from the header's empty flag.</summary>
    public static int WkbOffset(ReadOnlySpan<byte> blob, out bool isEmpty)
    {
        if (blob.Length < 8 || blob[0] != (byte)'G' || blob[1] != (byte)'P')
        {
            throw new FormatException("geometry blob does not start with the GeoPackage magic 'GP'");
        }
        var flags = blob[3];
        if ((flags & 0x20) != 0)
        {
            throw new FormatException("extended GeoPackage geometry types are not supported");
        }
        isEmpty = (flags & 0x10) != 0;
        var envelopeIndicator = (flags >> 1) & 0x07;
        var envelopeBytes = envelopeIndicator switch
        {
            0 => 0,
            1 => 32,
            2 or 3 => 48,
            4 => 64,
            _ => throw new FormatException($"invalid envelope indicator {envelopeIndicator} in geometry header"),
        };
        var offset = 8 + envelopeBytes;
        if (blob.Length < offset + (isEmpty ? 0 : 5))
        {
            throw new FormatException("geometry blob is shorter than its header says");
        }
        return offset;
    }
}
