using System.Buffers.Binary;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gengbao.Import.GeoPackage;

/// <summary>
/// Decodes GeoPackage geometry blobs holding Polygons or MultiPolygons (ISO WKB, any byte order; Z and M dropped)
/// straight from a span into NTS geometries, the shape of every screening layer; every other blob (other types, rings
/// that are not closed) goes to <see cref="WKBReader"/>, so the result is what <see cref="GeoPackageBlob.Read"/> gives.
/// The screening reads tens of thousands of small polygons, and WKBReader's stream per blob dominated the read.
/// </summary>
public static class PolygonWkb
{
    public static Geometry? Read(ReadOnlySpan<byte> blob, GeometryFactory factory, WKBReader fallback)
    {
        var offset = GeoPackageBlob.WkbOffset(blob, out var isEmpty);
        if (isEmpty)
        {
            return null;
        }
        var wkb = blob[offset..];
        var position = 0;
        var geometry = ReadPolygonal(wkb, ref position, factory, nested: false);
        return geometry ?? GeoPackageBlob.Read(blob.ToArray(), fallback);
    }

    private static Geometry? ReadPolygonal(ReadOnlySpan<byte> wkb, ref int position, GeometryFactory factory, bool nested)
    {
        var littleEndian = Byte(wkb, ref position) == 1;
        var type = UInt(wkb, ref position, littleEndian);
        var dimensions = (type / 1000) switch { 0 => 2, 1 or 2 => 3, 3 => 4, _ => 0 };
        if (dimensions == 0)
        {
            return null;
        }
        switch (type % 1000)
        {
            case 3:
                return ReadPolygon(wkb, ref position, factory, littleEndian, dimensions);
            case 6 when !nested:
                var polygons = new Polygon[UInt(wkb, ref position, littleEndian)];
                for (var i = 0; i < polygons.Length; i++)
                {
                    if (ReadPolygonal(wkb, ref position, factory, nested: true) is not Polygon polygon)
                    {
                        return null;
                    }
                    polygons[i] = polygon;
                }
                return factory.CreateMultiPolygon(polygons);
            default:
                return null;
        }
    }

    private static Polygon? ReadPolygon(ReadOnlySpan<byte> wkb, ref int position, GeometryFactory factory, bool littleEndian, int dimensions)
    {
        var ringCount = UInt(wkb, ref position, littleEndian);
        if (ringCount == 0)
        {
            return factory.CreatePolygon();
        }
        var rings = new LinearRing[ringCount];
        for (var r = 0; r < rings.Length; r++)
        {
            var count = UInt(wkb, ref position, littleEndian);
            if ((long)count * dimensions * 8 > wkb.Length - position)
            {
                throw new FormatException("WKB ring is longer than the geometry blob");
            }
            var coordinates = new Coordinate[count];
            for (var i = 0; i < coordinates.Length; i++)
            {
                var x = Double(wkb, position, littleEndian);
                var y = Double(wkb, position + 8, littleEndian);
                coordinates[i] = new Coordinate(x, y);
                position += 8 * dimensions;
            }
            if (count < 4 || !coordinates[0].Equals2D(coordinates[^1]))
            {
                return null; // WKBReader decides what to make of a degenerate ring
            }
            rings[r] = factory.CreateLinearRing(coordinates);
        }
        return factory.CreatePolygon(rings[0], rings[1..]);
    }

    private static byte Byte(ReadOnlySpan<byte> wkb, ref int position) =>
        position < wkb.Length ? wkb[position++] : throw new FormatException("WKB ends early");

    private static int UInt(ReadOnlySpan<byte> wkb, ref int position, bool littleEndian)
    {
        if (position + 4 > wkb.Length)
        {
            throw new FormatException("WKB ends early");
        }
        var value = littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(wkb[position..]) : BinaryPrimitives.ReadUInt32BigEndian(wkb[position..]);
        position += 4;
        return value <= int.MaxValue ? (int)value : throw new FormatException("WKB count out of range");
    }

    private static double Double(ReadOnlySpan<byte> wkb, int position, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadDoubleLittleEndian(wkb[position..]) : BinaryPrimitives.ReadDoubleBigEndian(wkb[position..]);
}
