using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gengbao.Demo.Output;

/// <summary>
/// Features parked in a temporary file until their layer's turn. A GeoPackage is written one layer at a time, but the
/// generator produces all layers village by village; spooling keeps memory flat however big the run is.
/// </summary>
internal sealed class FeatureSpool : IDisposable
{
    private readonly string _path;
    private readonly FileStream _stream;
    private readonly BinaryWriter _writer;
    private readonly WKBWriter _wkbWriter = new(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: false);

    public FeatureSpool(string path)
    {
        _path = path;
        _stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _writer = new BinaryWriter(_stream);
    }

    public long Count { get; private set; }

    public void Add(Geometry geometry, object?[] values)
    {
        var wkb = _wkbWriter.Write(geometry);
        _writer.Write(wkb.Length);
        _writer.Write(wkb);
        _writer.Write(values.Length);
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    _writer.Write((byte)0);
                    break;
                case string text:
                    _writer.Write((byte)1);
                    _writer.Write(text);
                    break;
                case long number:
                    _writer.Write((byte)2);
                    _writer.Write(number);
                    break;
                case double real:
                    _writer.Write((byte)3);
                    _writer.Write(real);
                    break;
                case DateOnly date:
                    _writer.Write((byte)4);
                    _writer.Write(date.DayNumber);
                    break;
                default:
                    throw new ArgumentException($"cannot spool a {value.GetType().Name}", nameof(values));
            }
        }
        Count++;
    }

    /// <summary>Reads everything back in the order added.</summary>
    public IEnumerable<(Geometry Geometry, object?[] Values)> Read()
    {
        _writer.Flush();
        _stream.Position = 0;
        var reader = new BinaryReader(_stream);
        var wkbReader = new WKBReader();
        for (long n = 0; n < Count; n++)
        {
            var geometry = wkbReader.Read(reader.ReadBytes(reader.ReadInt32()));
            var values = new object?[reader.ReadInt32()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadByte() switch
                {
                    0 => null,
                    1 => reader.ReadString(),
                    2 => reader.ReadInt64(),
                    3 => reader.ReadDouble(),
                    4 => DateOnly.FromDayNumber(reader.ReadInt32()),
                    var tag => throw new InvalidDataException($"spool {_path} is corrupt (tag {tag})"),
                };
            }
            yield return (geometry, values);
        }
        _stream.Position = _stream.Length;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
