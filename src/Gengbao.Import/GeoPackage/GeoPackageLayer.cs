using System.Globalization;
using Gengbao.Import.Model;
using Microsoft.Data.Sqlite;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gengbao.Import.GeoPackage;

/// <summary>A feature table of a GeoPackage. Reads stream row by row; an envelope query uses the layer's R-tree.</summary>
public sealed class GeoPackageLayer : SourceLayer
{
    private static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory();

    private SqliteConnection? _connection;
    private string _fidColumn = "fid";
    private string _geometryColumn = "geom";
    private string[] _columnNames = [];
    private bool _hasRtree;

    private long? _featureCount;

    /// <summary>SRS id as the GeoPackage declares it (usually the EPSG code).</summary>
    public int SrsId { get; private init; }

    /// <summary>
    /// From <c>gpkg_ogr_contents</c> when the file has it, else counted, on first use: a count(*) scans the whole table,
    /// which a reader of a few features near some boxes (the screening) must not pay for every layer it opens.
    /// </summary>
    public override long? FeatureCount
    {
        get => _featureCount ??= Count(Connection, SourcePath, Name);
        init => _featureCount = value;
    }

    internal static GeoPackageLayer Create(SqliteConnection connection, string path, string table, string geometryColumn, int srsId)
    {
        var (fidColumn, fields, columns) = ReadSchema(connection, path, table, geometryColumn);
        var (epsg, definition) = ReadSrs(connection, srsId);
        var layer = new GeoPackageLayer
        {
            SourcePath = path,
            Name = table,
            Fields = fields,
            Epsg = epsg,
            CrsDefinition = definition,
            SrsId = srsId,
        };
        layer._connection = connection;
        layer._fidColumn = fidColumn;
        layer._geometryColumn = geometryColumn;
        layer._columnNames = columns;
        layer._hasRtree = TableExists(connection, $"rtree_{table}_{geometryColumn}");
        return layer;
    }

    public override IEnumerable<SourceFeature> ReadFeatures() => Query(null, null);

    /// <summary>
    /// Features whose bounding box intersects <paramref name="envelope"/>, found through the GeoPackage R-tree
    /// (or a scan with a box test when the file has none). Exact geometric tests are the caller's.
    /// </summary>
    public IEnumerable<SourceFeature> ReadFeatures(Envelope envelope) => Query(envelope, null);

    /// <summary>Features with the given fids, in ascending fid order.</summary>
    public IEnumerable<SourceFeature> ReadFeatures(IReadOnlyCollection<long> fids) => Query(null, fids);

    /// <summary>The bounding boxes of all features from the R-tree (fid, box), without reading geometries.</summary>
    public IEnumerable<(long Fid, Envelope Box)> ReadBoxes()
    {
        if (!_hasRtree)
        {
            foreach (var feature in ReadFeatures())
            {
                if (feature.Geometry is { } g)
                {
                    yield return (feature.Fid, g.EnvelopeInternal);
                }
            }
            yield break;
        }
        using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT id, minx, maxx, miny, maxy FROM {Quote($"rtree_{Name}_{_geometryColumn}")}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), new Envelope(reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4)));
        }
    }

    private SqliteConnection Connection => _connection ?? throw new ObjectDisposedException(Name);

    private IEnumerable<SourceFeature> Query(Envelope? envelope, IReadOnlyCollection<long>? fids)
    {
        var connection = Connection;
        using var command = connection.CreateCommand();
        var select = string.Join(", ", new[] { _fidColumn, _geometryColumn }.Concat(_columnNames).Select(Quote));
        var from = Quote(Name);
        if (envelope is not null && _hasRtree)
        {
            command.CommandText = $"""
                SELECT {select} FROM {from} WHERE {Quote(_fidColumn)} IN (
                  SELECT id FROM {Quote($"rtree_{Name}_{_geometryColumn}")}
                  WHERE minx <= $maxx AND maxx >= $minx AND miny <= $maxy AND maxy >= $miny)
                ORDER BY {Quote(_fidColumn)}
                """;
            command.Parameters.AddWithValue("$minx", envelope.MinX);
            command.Parameters.AddWithValue("$maxx", envelope.MaxX);
            command.Parameters.AddWithValue("$miny", envelope.MinY);
            command.Parameters.AddWithValue("$maxy", envelope.MaxY);
        }
        else if (fids is not null)
        {
            command.CommandText = $"SELECT {select} FROM {from} WHERE {Quote(_fidColumn)} IN (SELECT value FROM json_each($ids)) ORDER BY {Quote(_fidColumn)}";
            command.Parameters.AddWithValue("$ids", "[" + string.Join(",", fids) + "]");
        }
        else
        {
            command.CommandText = $"SELECT {select} FROM {from} ORDER BY {Quote(_fidColumn)}";
        }

        var wkbReader = new WKBReader(NtsGeometryServices.Instance) { HandleSRID = false, IsStrict = false };
        // PolygonWkb decodes the polygons survey layers are made of straight from the blob; anything else goes to
        // the WKBReader, so the result is the same either way.
        SqliteDataReader reader;
        try
        {
            reader = command.ExecuteReader();
        }
        catch (SqliteException e)
        {
            throw new SourceFileException(SourcePath, Name, $"cannot read the layer: {e.Message}", e);
        }
        using (reader)
        {
            while (true)
            {
                SourceFeature? feature;
                try
                {
                    if (!reader.Read())
                    {
                        yield break;
                    }
                    feature = ReadRow(reader, wkbReader);
                }
                catch (SqliteException e)
                {
                    throw new SourceFileException(SourcePath, Name, $"the file is damaged or truncated: {e.Message}", e);
                }
                if (envelope is not null && !_hasRtree && (feature.Geometry is null || !feature.Geometry.EnvelopeInternal.Intersects(envelope)))
                {
                    continue;
                }
                yield return feature;
            }
        }
    }

    private SourceFeature ReadRow(SqliteDataReader reader, WKBReader wkbReader)
    {
        var fid = reader.GetInt64(0);
        Geometry? geometry = null;
        if (!reader.IsDBNull(1))
        {
            var blob = reader.GetFieldValue<byte[]>(1);
            try
            {
                geometry = PolygonWkb.Read(blob, Factory, wkbReader);
                if (geometry is not null)
                {
                    geometry.SRID = SrsId;
                }
            }
            catch (Exception e) when (e is FormatException or ParseException or ArgumentException or IndexOutOfRangeException or EndOfStreamException)
            {
                geometry = new GeometryCollection(null) { UserData = new RawValue($"unreadable geometry: {e.Message}") };
            }
        }
        var values = new object?[Fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i + 2) ? null : Convert(reader.GetValue(i + 2), Fields[i].Type);
        }
        return new SourceFeature(fid, geometry, values);
    }

    /// <summary>SQLite is dynamically typed: a value that does not fit the declared column type is kept as <see cref="RawValue"/>.</summary>
    private static object Convert(object value, FieldType type)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (type)
        {
            case FieldType.Text:
                return value as string ?? System.Convert.ToString(value, invariant) ?? "";
            case FieldType.Integer:
                if (value is long l) return l;
                if (value is double d && Math.Floor(d) == d) return (long)d;
                if (value is string s && long.TryParse(s, NumberStyles.Integer, invariant, out var li)) return li;
                break;
            case FieldType.Real:
                if (value is double r) return r;
                if (value is long rl) return (double)rl;
                if (value is string rs && double.TryParse(rs, NumberStyles.Float, invariant, out var rd)) return rd;
                break;
            case FieldType.Boolean:
                if (value is long b) return b != 0;
                break;
            case FieldType.Date:
                if (value is string ds && DateOnly.TryParse(ds.Length >= 10 ? ds[..10] : ds, invariant, out var date)) return date;
                break;
            case FieldType.DateTime:
                if (value is string ts && DateTime.TryParse(ts, invariant, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt)) return dt;
                break;
        }
        return new RawValue(System.Convert.ToString(value, invariant) ?? "");
    }

    private static (string Fid, List<SourceField> Fields, string[] Columns) ReadSchema(SqliteConnection connection, string path, string table, string geometryColumn)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, type, pk FROM pragma_table_info($t) ORDER BY cid";
        command.Parameters.AddWithValue("$t", table);
        using var reader = command.ExecuteReader();
        string? fid = null;
        var fields = new List<SourceField>();
        var columns = new List<string>();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            var declared = reader.GetString(1).ToUpperInvariant();
            if (reader.GetInt32(2) == 1 && declared.StartsWith("INT", StringComparison.Ordinal))
            {
                fid = name;
                continue;
            }
            if (string.Equals(name, geometryColumn, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var type = FieldTypeOf(declared);
            if (type is null)
            {
                continue; // BLOB attributes carry no survey data the platform uses.
            }
            fields.Add(new SourceField(name, type.Value));
            columns.Add(name);
        }
        if (fid is null)
        {
            throw new SourceFileException(path, table, "the feature table has no integer primary key (fid)");
        }
        return (fid, fields, columns.ToArray());
    }

    private static FieldType? FieldTypeOf(string declared) => declared switch
    {
        "BOOLEAN" => FieldType.Boolean,
        "TINYINT" or "SMALLINT" or "MEDIUMINT" or "INT" or "INTEGER" or "BIGINT" => FieldType.Integer,
        "FLOAT" or "DOUBLE" or "REAL" or "NUMERIC" => FieldType.Real,
        "DATE" => FieldType.Date,
        "DATETIME" or "TIMESTAMP" => FieldType.DateTime,
        "BLOB" => null,
        _ when declared.StartsWith("TEXT", StringComparison.Ordinal) || declared.StartsWith("VARCHAR", StringComparison.Ordinal) => FieldType.Text,
        _ when declared.StartsWith("BLOB", StringComparison.Ordinal) => null,
        _ => FieldType.Text,
    };

    private static (int? Epsg, string? Definition) ReadSrs(SqliteConnection connection, int srsId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = $id";
        command.Parameters.AddWithValue("$id", srsId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return (null, null);
        }
        var organization = reader.IsDBNull(0) ? "" : reader.GetString(0);
        int? epsg = string.Equals(organization, "EPSG", StringComparison.OrdinalIgnoreCase) && !reader.IsDBNull(1) ? reader.GetInt32(1) : null;
        var definition = reader.IsDBNull(2) ? null : reader.GetString(2);
        if (string.Equals(definition, "undefined", StringComparison.OrdinalIgnoreCase))
        {
            definition = null;
        }
        return (epsg, definition);
    }

    private static long? Count(SqliteConnection connection, string path, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TableExists(connection, "gpkg_ogr_contents")
            ? "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = $t"
            : "SELECT NULL";
        command.Parameters.AddWithValue("$t", table);
        var cached = command.ExecuteScalar();
        if (cached is long n)
        {
            return n;
        }
        try
        {
            command.CommandText = $"SELECT count(*) FROM {Quote(table)}";
            return (long?)command.ExecuteScalar();
        }
        catch (SqliteException e)
        {
            throw new SourceFileException(path, table, $"cannot count features: {e.Message}", e);
        }
    }

    private static bool TableExists(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteScalar() is not null;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public override void Dispose()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            SharedConnection.Release(connection);
        }
        base.Dispose();
    }
}
