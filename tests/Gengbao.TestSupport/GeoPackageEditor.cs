using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;

namespace Gengbao.TestSupport;

/// <summary>
/// Makes damaged copies of a real GeoPackage for bad-input tests: a value of the wrong type, a broken geometry.
/// GDAL's R-tree triggers call SQL functions that only GDAL registers, so they are dropped in the copy first.
/// </summary>
public sealed class GeoPackageEditor : IDisposable
{
    private readonly SqliteConnection _connection;

    private GeoPackageEditor(string path)
    {
        Path = path;
        _connection = new SqliteConnection($"Data Source={path};Pooling=False");
        _connection.Open();
        var triggers = new List<string>();
        using (var list = _connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                triggers.Add(reader.GetString(0));
            }
        }
        foreach (var trigger in triggers)
        {
            Execute($"DROP TRIGGER \"{trigger}\"");
        }
    }

    public string Path { get; }

    public static GeoPackageEditor CopyOf(string source, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, name);
        File.Copy(source, path, overwrite: true);
        return new GeoPackageEditor(path);
    }

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void SetValue(string table, long fid, string field, object value)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"UPDATE \"{table}\" SET \"{field}\" = $v WHERE fid = $fid";
        command.Parameters.AddWithValue("$v", value);
        command.Parameters.AddWithValue("$fid", fid);
        command.ExecuteNonQuery();
    }

    /// <summary>Replaces a feature's geometry with <paramref name="wkt"/> as a GeoPackage blob without envelope.</summary>
    public void SetGeometry(string table, long fid, string wkt, int srsId)
    {
        var wkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false).Write(new WKTReader().Read(wkt));
        var blob = new byte[8 + wkb.Length];
        blob[0] = (byte)'G';
        blob[1] = (byte)'P';
        blob[2] = 0;
        blob[3] = 0x01; // little-endian, no envelope
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(4), srsId);
        wkb.CopyTo(blob, 8);
        using var command = _connection.CreateCommand();
        command.CommandText = $"UPDATE \"{table}\" SET geom = $g WHERE fid = $fid";
        command.Parameters.AddWithValue("$g", blob);
        command.Parameters.AddWithValue("$fid", fid);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
