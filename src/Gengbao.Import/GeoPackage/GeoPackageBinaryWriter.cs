using System.Buffers.Binary;
using NetTopologySuite.Geometries;

namespace Gengbao.Import.GeoPackage;

/// <summary>
/// Encodes polygonal geometries as GeoPackage geometry blobs (OGC 12-128r18 §2.1.3): "GP", version 0, flags
/// (little-endian, envelope indicator 1 = [minx, maxx, miny, maxy]), srs_id, the envelope, then 2D ISO WKB.
/// A <see cref="Polygon"/> is written as a one-part MULTIPOLYGON so every row matches the column's declared type.
/// Hand-written instead of NTS's <c>WKBWriter</c> because it runs once per feature on millions of features and can
/// reuse one buffer; Z and M are dropped.
/// </summary>
internal sealed class GeoPackageBinaryWriter
{
    private const byte FlagLittleEndian = 0x01;
    private const byte FlagEnvelopeXy = 0x02;
    private const byte FlagEmpty = 0x10;
    private const uint WkbPolygon = 3;
    private const uint WkbMultiPolygon = 6;

    private byte[] _buffer = new byte[1024];
    private int _length;

    /// <summary>Envelope of the last geometry written; <see cref="Envelope.IsNull"/> when it was empty.</summary>
    public Envelope LastEnvelope { get; } = new();

    /// <summary>
    /// Encodes <paramref name="geometry"/>; the span is valid until the next call. Throws <see cref="ArgumentException"/>
    /// for anything but Polygon or MultiPolygon.
    /// </summary>
    public ReadOnlySpan<byte> Encode(Geometry geometry, int srsId)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        LastEnvelope.SetToNull();
        _length = 0;
        var isEmpty = geometry.IsEmpty;
        if (geometry is not (Polygon or MultiPolygon))
        {
            throw new ArgumentException($"only Polygon and MultiPolygon can be written, not {geometry.GeometryType}", nameof(geometry));
        }

        WriteByte((byte)'G');
        WriteByte((byte)'P');
        WriteByte(0);
        WriteByte(isEmpty ? (byte)(FlagLittleEndian | FlagEmpty) : (byte)(FlagLittleEndian | FlagEnvelopeXy));
        WriteInt32(srsId);
        if (!isEmpty)
        {
            LastEnvelope.ExpandToInclude(geometry.EnvelopeInternal);
            WriteDouble(LastEnvelope.MinX);
            WriteDouble(LastEnvelope.MaxX);
            WriteDouble(LastEnvelope.MinY);
            WriteDouble(LastEnvelope.MaxY);
        }

        WriteByte(1);
        WriteUInt32(WkbMultiPolygon);
        if (geometry is Polygon polygon)
        {
            WriteUInt32(isEmpty ? 0u : 1u);
            if (!isEmpty)
            {
                WritePolygon(polygon);
            }
        }
        else
        {
            var multi = (MultiPolygon)geometry;
            WriteUInt32((uint)multi.NumGeometries);
            for (var i = 0; i < multi.NumGeometries; i++)
            {
                WritePolygon((Polygon)multi.GetGeometryN(i));
            }
        }
        return _buffer.AsSpan(0, _length);
    }

    private void WritePolygon(Polygon polygon)
    {
        WriteByte(1);
        WriteUInt32(WkbPolygon);
        if (polygon.IsEmpty)
        {
            WriteUInt32(0);
            return;
        }
        WriteUInt32((uint)(1 + polygon.NumInteriorRings));
        WriteRing(polygon.ExteriorRing.CoordinateSequence);
        for (var i = 0; i < polygon.NumInteriorRings; i++)
        {
            WriteRing(polygon.GetInteriorRingN(i).CoordinateSequence);
        }
    }

    private void WriteRing(CoordinateSequence sequence)
    {
        var count = sequence.Count;
        WriteUInt32((uint)count);
        Reserve(count * 16);
        var span = _buffer.AsSpan(_length, count * 16);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[(i * 16)..], sequence.GetX(i));
            BinaryPrimitives.WriteDoubleLittleEndian(span[(i * 16 + 8)..], sequence.GetY(i));
        }
        _length += count * 16;
    }

    private void WriteByte(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    private void WriteInt32(int value)
    {
        Reserve(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void WriteUInt32(uint value)
    {
        Reserve(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void WriteDouble(double value)
    {
        Reserve(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }
}
