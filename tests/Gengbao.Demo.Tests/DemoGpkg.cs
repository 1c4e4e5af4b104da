using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gengbao.Demo.Tests;

/// <summary>Reads a generated GeoPackage straight from SQLite, independently of the project's reader.</summary>
internal sealed class DemoGpkg : IDisposable
{
    private readonly SqliteConnection _connection;

    public DemoGpkg(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        _connection.Open();
    }

    public void Dispose() => _connection.Dispose();

    public sealed record Row(long Fid, Geometry Geometry, byte[] Blob, IReadOnlyDictionary<string, object?> Values)
    {
        public string Text(string field) => (string)Values[field]!;
        public long Integer(string field) => (long)Values[field]!;
        public double Real(string field) => (double)Values[field]!;
    }

    public IReadOnlyList<string> Tables()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM gpkg_contents ORDER BY table_name";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    public long Count(string table) => Scalar<long>($"SELECT count(*) FROM \"{table}\"");

    public T Scalar<T>(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public IEnumerable<Row> Rows(string table, string where = "")
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" {where} ORDER BY fid";
        using var reader = command.ExecuteReader();
        var wkb = new WKBReader();
        while (reader.Read())
        {
            var values = new Dictionary<string, object?>();
            byte[]? blob = null;
            long fid = 0;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = reader.GetName(i);
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                switch (name)
                {
                    case "fid":
                        fid = (long)value!;
                        break;
                    case "geom":
                        blob = (byte[])value!;
                        break;
                    default:
                        values[name] = value;
                        break;
                }
            }
            yield return new Row(fid, Decode(blob!, wkb), blob!, values);
        }
    }

    /// <summary>GeoPackage blob: "GP", version, flags, srs_id, envelope (by the flags' indicator), then WKB.</summary>
    public static Geometry Decode(byte[] blob, WKBReader reader)
    {
        Assert.Equal((byte)'G', blob[0]);
        Assert.Equal((byte)'P', blob[1]);
        var flags = blob[3];
        var envelope = ((flags >> 1) & 7) switch { 0 => 0, 1 => 32, 2 or 3 => 48, 4 => 64, _ => throw new FormatException() };
        Assert.Equal(4522, BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(4)));
        return reader.Read(blob.AsSpan(8 + envelope).ToArray());
    }
}
