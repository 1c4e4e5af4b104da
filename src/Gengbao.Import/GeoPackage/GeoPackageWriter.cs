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
/// <see cref="EndLayer"/>. Each layer is one SQLite transaction with prepared statements, so millions of rows are
/// cheap. Everything goes to <c>path + ".partial"</c>; <see cref="Dispose"/> renames it to <c>path</c> only when
/// every begun layer was ended and no call failed, otherwise it deletes it. A caller that fails between layers
/// must call <see cref="Abort"/> (e.g. in a <c>catch</c>), or the layers written so far become the file.
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

            var valueNames = fields.Select((_, i) => $"$v{i}").ToArray();
            var insert = PreparedCommand(
                $"INSERT INTO {Quote(name)} (\"fid\", \"geom\"{string.Concat(fields.Select(f => ", " + Quote(f.Name)))}) " +
                $"VALUES ($fid, $geom{string.Concat(valueNames.Select(v => ", " + v))})",
                transaction, ["$fid", "$geom", .. valueNames]);
            var insertRtree = PreparedCommand(
                $"INSERT INTO {rtree} VALUES ($id, $minx, $maxx, $miny, $maxy)",
                transaction, ["$id", "$minx", "$maxx", "$miny", "$maxy"]);
            _layer = new LayerState(name, srsId, [.. fields], transaction, insert, insertRtree);
        }
        catch
        {
            _failed = true;
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
            var blob = _binary.Encode(geometry, layer.SrsId);
            var parameters = layer.Insert.Parameters;
            parameters[0].Value = fid;
            parameters[1].Value = blob;
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i + 2].Value = ToDbValue(values[i], layer.Fields[i], layer.Name);
            }
            layer.Insert.ExecuteNonQuery();

            var envelope = _binary.LastEnvelope;
            if (!envelope.IsNull)
            {
                layer.Extent.ExpandToInclude(envelope);
                var rtree = layer.InsertRtree.Parameters;
                rtree[0].Value = fid;
                rtree[1].Value = envelope.MinX;
                rtree[2].Value = envelope.MaxX;
                rtree[3].Value = envelope.MinY;
                rtree[4].Value = envelope.MaxY;
                layer.InsertRtree.ExecuteNonQuery();
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

    private static object ToDbValue(object? value, SourceField field, string layer)
    {
        if (value is null)
        {
            return DBNull.Value;
        }
        object? converted = field.Type switch
        {
            FieldType.Text => value as string,
            FieldType.Integer => value switch
            {
                long l => l,
                int i => (long)i,
                short s => (long)s,
                byte b => (long)b,
                _ => null,
            },
            FieldType.Real => value switch
            {
                double d => d,
                float f => (double)f,
                decimal m => (double)m,
                long l => (double)l,
                int i => (double)i,
                _ => null,
            },
            FieldType.Date => value switch
            {
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => null,
            },
            // GeoPackage DATETIME is ISO-8601 UTC with milliseconds (§1.1.1.1.3).
            FieldType.DateTime => value switch
            {
                DateTime t => (t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t)
                    .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                _ => null,
            },
            FieldType.Boolean => value is bool flag ? (flag ? 1L : 0L) : null,
            _ => null,
        };
        return converted ?? throw new ArgumentException(
            $"layer {layer}: field {field.Name} ({field.Type}) cannot take a value of type {value.GetType().Name}");
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

    /// <summary>A command whose parameters exist in the order given, so Write sets them by index without name lookups.</summary>
    private SqliteCommand PreparedCommand(string sql, SqliteTransaction transaction, string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var parameterName in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter(parameterName, null));
        }
        return command;
    }

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
        string name, int srsId, SourceField[] fields, SqliteTransaction transaction, SqliteCommand insert, SqliteCommand insertRtree)
    {
        public string Name { get; } = name;
        public int SrsId { get; } = srsId;
        public SourceField[] Fields { get; } = fields;
        public SqliteTransaction Transaction { get; } = transaction;
        public SqliteCommand Insert { get; } = insert;
        public SqliteCommand InsertRtree { get; } = insertRtree;
        public Envelope Extent { get; } = new();
        public long Count { get; set; }
    }
}
