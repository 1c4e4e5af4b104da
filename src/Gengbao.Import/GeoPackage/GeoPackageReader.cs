using Gengbao.Import.Model;
using Microsoft.Data.Sqlite;

namespace Gengbao.Import.GeoPackage;

/// <summary>
/// Opens the feature layers of an OGC GeoPackage read-only. The file is checked to be an SQLite database with the
/// GeoPackage tables before any layer is returned, so a truncated or foreign file fails here with its name.
/// </summary>
public static class GeoPackageReader
{
    public static IReadOnlyList<SourceLayer> Open(string path)
    {
        var connection = OpenConnection(path);
        try
        {
            var layers = new List<SourceLayer>();
            foreach (var (table, column, srsId) in ListFeatureTables(connection, path))
            {
                layers.Add(GeoPackageLayer.Create(connection, path, table, column, srsId));
            }
            if (layers.Count == 0)
            {
                throw new SourceFileException(path, null, "the GeoPackage has no feature layer");
            }
            // Each layer keeps the shared connection alive; the last one disposed closes it.
            SharedConnection.Attach(connection, layers.Count);
            return layers;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens the file read-only after checking the SQLite magic, so a non-database fails with a clear message.</summary>
    internal static SqliteConnection OpenConnection(string path)
    {
        if (!File.Exists(path))
        {
            throw new SourceFileException(path, null, "file not found");
        }
        Span<byte> magic = stackalloc byte[16];
        using (var stream = File.OpenRead(path))
        {
            if (stream.Length < 1024 || stream.Read(magic) < 16 || !magic.SequenceEqual("SQLite format 3\0"u8))
            {
                throw new SourceFileException(path, null, "not a GeoPackage: the file is not an SQLite database or is truncated");
            }
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            // A truncated file is caught by the size check against the page count here, and any damaged page by
            // the reads that follow (each wrapped into a SourceFileException naming the layer and feature).
            using var check = connection.CreateCommand();
            check.CommandText = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
            var expectedBytes = Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (new FileInfo(path).Length < expectedBytes)
            {
                throw new SourceFileException(path, null,
                    $"the GeoPackage is truncated: {new FileInfo(path).Length} bytes on disk, {expectedBytes} expected");
            }
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new SourceFileException(path, null, $"the GeoPackage cannot be read: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return connection;
    }

    private static List<(string Table, string Column, int SrsId)> ListFeatureTables(SqliteConnection connection, string path)
    {
        var tables = new List<(string, string, int)>();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT c.table_name, g.column_name, g.srs_id
                FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
                WHERE c.data_type = 'features'
                ORDER BY c.table_name
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }
        }
        catch (SqliteException e)
        {
            throw new SourceFileException(path, null, $"not a GeoPackage: {e.Message}", e);
        }
        return tables;
    }
}
