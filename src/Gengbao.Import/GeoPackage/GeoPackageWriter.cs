using System.Globalization;
using System.Text;
using Gengbao.Import.Model;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;

namespace Gengbao.Import.GeoPackage;

/// <summary>
/// Writes a new OGC GeoPackage 1.3 with polygon feature layers (geometry column <c>geom</c>, MULTIPOLYGON, 2D) and
/// their R-tree spatial indexes, readable by GDAL/QGIS and by <see cref="GeoPackageReader"/>.
/// <para>
/// Layers are written one after another: <see cref="BeginLayer"/>, any number of <see cref="Write"/>,
/// <see cref="EndLayer"/>. Each layer is one SQLite transaction; rows go through two prepared statements (feature,
/// R-tree entry) bound by index, about 10 µs a polygon (a million polygons in 10–15 s). Everything goes to
/// <c>path + ".partial"</c>; <see cref="Dispose"/> renames it to <c>path</c> only when every begun layer was ended
/// and no call failed, otherwise it deletes it. A caller that fails between layers must call <see cref="Abort"/>
/// (e.g. in a <c>catch</c>), or the layers written so far become the file.
/// </para>
/// <para>
/// The GDAL triggers that keep the R-tree current on later edits are not created: they call GDAL's <c>ST_*</c>
/// SQL functions, which plain SQLite clients lack, so any insert outside GDAL would fail. GDAL reads the index
/// without them.
/// </para>
/// </summary>
public sealed class GeoPackageWriter : IDisposable
{
    private readonly string _path;
    private readonly string _partialPath;
    private readonly SqliteConnection _connection;
    private readonly GeoPackageBinaryWriter _binary = new();
    private readonly HashSet<string> _layerNames = new(StringComparer.OrdinalIgnoreCase);
    private LayerState? _layer;
    private bool _failed;
    private bool _disposed;

    private GeoPackageWriter(string path, string partialPath, SqliteConnection connection)
    {
        _path = path;
        _partialPath = partialPath;
        _connection = connection;
    }

    /// <summary>The file that <see cref="Dispose"/> produces.</summary>
    public string Path => _path;

    /// <summary>
    /// Starts a new GeoPackage that will replace <paramref name="path"/> on success. A stale <c>.partial</c> file from an
    /// earlier crashed run is overwritten.
    /// </summary>
    public static GeoPackageWriter Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var partialPath = fullPath + ".partial";
        DeleteIfExists(partialPath);
        DeleteIfExists(partialPath + "-journal");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = partialPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            // The .partial file is thrown away on any failure, so durability is not needed while writing; a memory
            // journal still lets a failed layer roll back.
            Execute(connection, $"""
                PRAGMA application_id = {GeoPackageWriterSql.ApplicationId};
                PRAGMA user_version = {GeoPackageWriterSql.UserVersion};
                PRAGMA journal_mode = MEMORY;
                PRAGMA synchronous = OFF;
                PRAGMA cache_size = -65536;
                """);
            using (var transaction = connection.BeginTransaction())
            {
                Execute(connection, GeoPackageWriterSql.CreateCoreTables, transaction);
                foreach (var row in new[] { GeoPackageWriterSrs.UndefinedCartesian, GeoPackageWriterSrs.UndefinedGeographic, GeoPackageWriterSrs.Wgs84 })
                {
                    InsertSrs(connection, transaction, row);
                }
                transaction.Commit();
            }
            return new GeoPackageWriter(fullPath, partialPath, connection);
        }
        catch
        {
            connection.Dispose();
            DeleteIfExists(partialPath);
            throw;
        }
    }

    /// <summary>
    /// Creates the feature table <paramref name="name"/> (<c>fid INTEGER PRIMARY KEY AUTOINCREMENT</c>, <c>geom</c>, then
    /// <paramref name="fields"/> as TEXT, INTEGER, REAL, DATE, DATETIME or BOOLEAN) in CRS <paramref name="srsId"/>
    /// (an EPSG code, see <see cref="GeoPackageWriterSrs"/>), its R-tree and its metadata rows.
    /// </summary>
    public void BeginLayer(string name, int srsId, IReadOnlyList<SourceField> fields)
    {
        ThrowIfUnusable();
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(fields);
        if (_layer is not null)
        {
            throw new InvalidOperationException($"layer {_layer.Name} is still open: call EndLayer first");
        }
        if (!_layerNames.Add(name))
        {
            throw new ArgumentException($"layer {name} was already written", nameof(name));
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "fid", "geom" };
        foreach (var field in fields)
        {
            if (string.IsNullOrWhiteSpace(field.Name) || !names.Add(field.Name))
            {
                throw new ArgumentException($"field name '{field.Name}' is empty or repeated (fid and geom are reserved)", nameof(fields));
            }
        }
        var srs = GeoPackageWriterSrs.For(srsId);

        var transaction = _connection.BeginTransaction();
        GeoPackageWriterStatement? insert = null;
        GeoPackageWriterStatement? insertRtree = null;
        try
        {
            InsertSrs(_connection, transaction, srs);
            var columns = new StringBuilder();
            foreach (var field in fields)
            {
                columns.Append(", ").Append(Quote(field.Name)).Append(' ').Append(SqlType(field.Type));
            }
            var rtree = Quote($"rtree_{name}_geom");
            Execute(_connection, $"""
                CREATE TABLE {Quote(name)} ("fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "geom" MULTIPOLYGON{columns});
                CREATE VIRTUAL TABLE {rtree} USING rtree(id, minx, maxx, miny, maxy);
                """, transaction);
            foreach (var sql in new[] { GeoPackageWriterSql.InsertContents, GeoPackageWriterSql.InsertGeometryColumn, GeoPackageWriterSql.InsertRtreeExtension })
            {
                using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                command.Parameters.AddWithValue("$table", name);
                if (sql.Contains("$srs", StringComparison.Ordinal))
                {
                    command.Parameters.AddWithValue("$srs", srsId);
                }
                command.ExecuteNonQuery();
            }

            var placeholders = string.Concat(Enumerable.Repeat(", ?", fields.Count));
            insert = new GeoPackageWriterStatement(_connection,
                $"INSERT INTO {Quote(name)} (\"fid\", \"geom\"{string.Concat(fields.Select(f => ", " + Quote(f.Name)))}) VALUES (?, ?{placeholders})");
            insertRtree = new GeoPackageWriterStatement(_connection, $"INSERT INTO {rtree} VALUES (?, ?, ?, ?, ?)");
            _layer = new LayerState(name, srsId, [.. fields], transaction, insert, insertRtree);
        }
        catch
        {
            _failed = true;
            insert?.Dispose();
            insertRtree?.Dispose();
            transaction.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends one feature. <paramref name="geometry"/> must be a Polygon or MultiPolygon in the layer's CRS (stored as
    /// MULTIPOLYGON; an empty one is stored with the empty flag and not indexed). <paramref name="values"/> align with
    /// the layer's fields: null, or string / integer / floating / <see cref="DateOnly"/> / <see cref="DateTime"/> /
    /// <see cref="bool"/> as the field type asks. A wrong value fails the whole file.
    /// </summary>
    public void Write(Geometry geometry, object?[] values)
    {
        ThrowIfUnusable();
        var layer = _layer ?? throw new InvalidOperationException("no layer is open: call BeginLayer first");
        ArgumentNullException.ThrowIfNull(values);
        try
        {
            if (values.Length != layer.Fields.Length)
            {
                throw new ArgumentException($"layer {layer.Name} has {layer.Fields.Length} fields but {values.Length} values were given", nameof(values));
            }
            var fid = ++layer.Count;
            var insert = layer.Insert;
            insert.Bind(1, fid);
            insert.Bind(2, _binary.Encode(geometry, layer.SrsId));
            for (var i = 0; i < values.Length; i++)
            {
                Bind(insert, i + 3, values[i], layer.Fields[i], layer.Name);
            }
            insert.Execute();

            var envelope = _binary.LastEnvelope;
            if (!envelope.IsNull)
            {
                layer.Extent.ExpandToInclude(envelope);
                var rtree = layer.InsertRtree;
                rtree.Bind(1, fid);
                rtree.Bind(2, envelope.MinX);
                rtree.Bind(3, envelope.MaxX);
                rtree.Bind(4, envelope.MinY);
                rtree.Bind(5, envelope.MaxY);
                rtree.Execute();
            }
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    /// <summary>Records the layer's extent and commits its transaction.</summary>
    public void EndLayer()
    {
        ThrowIfUnusable();
        var layer = _layer ?? throw new InvalidOperationException("no layer is open");
        try
        {
            using (var update = _connection.CreateCommand())
            {
                update.Transaction = layer.Transaction;
                update.CommandText = GeoPackageWriterSql.UpdateExtent;
                var extent = layer.Extent;
                update.Parameters.AddWithValue("$table", layer.Name);
                update.Parameters.AddWithValue("$minx", extent.IsNull ? DBNull.Value : extent.MinX);
                update.Parameters.AddWithValue("$miny", extent.IsNull ? DBNull.Value : extent.MinY);
                update.Parameters.AddWithValue("$maxx", extent.IsNull ? DBNull.Value : extent.MaxX);
                update.Parameters.AddWithValue("$maxy", extent.IsNull ? DBNull.Value : extent.MaxY);
                update.ExecuteNonQuery();
            }
            layer.Insert.Dispose();
            layer.InsertRtree.Dispose();
            layer.Transaction.Commit();
            layer.Transaction.Dispose();
            _layer = null;
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    /// <summary>Discards everything written; <see cref="Dispose"/> will then delete the partial file.</summary>
    public void Abort() => _failed = true;

    /// <summary>Publishes the file when all went well (see the class remarks), else deletes the partial file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        var success = !_failed && _layer is null;
        if (_layer is not null)
        {
            _layer.Insert.Dispose();
            _layer.InsertRtree.Dispose();
            _layer.Transaction.Dispose();
            _layer = null;
        }
        _connection.Dispose();
        if (success)
        {
            File.Move(_partialPath, _path, overwrite: true);
        }
        else
        {
            DeleteIfExists(_partialPath);
        }
    }

    private static void Bind(GeoPackageWriterStatement statement, int index, object? value, SourceField field, string layer)
    {
        switch (field.Type, value)
        {
            case (_, null):
                statement.BindNull(index);
                return;
            case (FieldType.Text, string text):
                statement.Bind(index, text);
                return;
            case (FieldType.Integer, long or int or short or byte):
                statement.Bind(index, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case (FieldType.Real, double or float or decimal or long or int):
                statement.Bind(index, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                return;
            case (FieldType.Date, DateOnly date):
                statement.Bind(index, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return;
            case (FieldType.Date, DateTime time):
                statement.Bind(index, time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return;
            // GeoPackage DATETIME is ISO-8601 UTC with milliseconds (§1.1.1.1.3).
            case (FieldType.DateTime, DateTime time):
                var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
                statement.Bind(index, utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                return;
            case (FieldType.DateTime, DateTimeOffset offset):
                statement.Bind(index, offset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                return;
            case (FieldType.Boolean, bool flag):
                statement.Bind(index, flag ? 1L : 0L);
                return;
            default:
                throw new ArgumentException(
                    $"layer {layer}: field {field.Name} ({field.Type}) cannot take a value of type {value.GetType().Name}");
        }
    }

    private static string SqlType(FieldType type) => type switch
    {
        FieldType.Text => "TEXT",
        FieldType.Integer => "INTEGER",
        FieldType.Real => "REAL",
        FieldType.Date => "DATE",
        FieldType.DateTime => "DATETIME",
        FieldType.Boolean => "BOOLEAN",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown field type"),
    };

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void InsertSrs(SqliteConnection connection, SqliteTransaction transaction, GeoPackageWriterSrs.Row row)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = GeoPackageWriterSql.InsertSrs;
        command.Parameters.AddWithValue("$name", row.Name);
        command.Parameters.AddWithValue("$id", row.SrsId);
        command.Parameters.AddWithValue("$org", row.Organization);
        command.Parameters.AddWithValue("$orgId", row.OrganizationCoordsysId);
        command.Parameters.AddWithValue("$definition", row.Definition);
        command.Parameters.AddWithValue("$description", (object?)row.Description ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failed)
        {
            throw new InvalidOperationException("an earlier call failed or Abort was called; the GeoPackage will not be published");
        }
    }

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private sealed class LayerState(
        string name, int srsId, SourceField[] fields, SqliteTransaction transaction,
        GeoPackageWriterStatement insert, GeoPackageWriterStatement insertRtree)
    {
        public string Name { get; } = name;
        public int SrsId { get; } = srsId;
        public SourceField[] Fields { get; } = fields;
        public SqliteTransaction Transaction { get; } = transaction;
        public GeoPackageWriterStatement Insert { get; } = insert;
        public GeoPackageWriterStatement InsertRtree { get; } = insertRtree;
        public Envelope Extent { get; } = new();
        public long Count { get; set; }
    }
}
