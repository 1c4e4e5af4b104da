using System.Globalization;
using Gengbao.Geo.Codes;
using Gengbao.Geo.Crs;
using Gengbao.Import;
using Gengbao.Import.GeoPackage;
using Gengbao.Import.Model;
using Gengbao.Screening;
using Microsoft.Data.Sqlite;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gengbao.Batch;

/// <summary>
/// The screening layers of a GeoPackage. Metadata (layers, fields, CRS) comes from <see cref="GeoPackageReader"/>;
/// features are read on a fast path of our own over the same file: candidate fids from the GeoPackage R-tree
/// (<c>rtree_&lt;table&gt;_&lt;geom&gt;</c>) for all patch boxes of a batch, then each candidate row once, with DLTB
/// restricted to cultivated classes in SQL so other land is never parsed.
/// </summary>
public sealed class GeoPackageScreeningSource : IScreeningSource, IDisposable
{
    private static readonly string[] Required = ["DLTB", "YJJBNT", "GBZNT", "PZYD", "BHTB"];

    private readonly string _path;
    private readonly Dictionary<string, Table> _tables;
    private readonly GeometryFactory _factory = NtsGeometryServices.Instance.CreateGeometryFactory();
    // One reader (connection, WKB reader, buffer) per thread reading at that moment: batches are read concurrently.
    private readonly System.Collections.Concurrent.ConcurrentBag<Reader> _idle = [];
    private readonly List<Reader> _all = [];

    private GeoPackageScreeningSource(string path, Reader first, Dictionary<string, Table> tables, GaussKrugerZone zone)
    {
        _path = path;
        _tables = tables;
        Zone = zone;
        _all.Add(first);
        _idle.Add(first);
    }

    public GaussKrugerZone Zone { get; }

    public bool ReadsConcurrently => true;

    /// <summary>A read-only connection to the file and what parsing its rows needs; used by one thread at a time.</summary>
    private sealed class Reader(SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public WKBReader Wkb { get; } = new(NtsGeometryServices.Instance) { HandleSRID = false, IsStrict = false };

        public byte[] Blob { get; set; } = new byte[4096];

        public static Reader Open(string path)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            try
            {
                // Hold the shared lock for the whole run: one consistent snapshot, and no lock, unlock and cache
                // check around each statement (they cost more than the R-tree queries themselves). Shared locks of
                // several readers do not exclude each other.
                using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA locking_mode = EXCLUSIVE; PRAGMA mmap_size = 2147418112;";
                pragma.ExecuteNonQuery();
                return new Reader(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public void Dispose() => Connection.Dispose();
    }

    /// <summary>Runs <paramref name="read"/> with a reader no other thread is using (opening one more when all are busy).</summary>
    private T WithReader<T>(Func<Reader, T> read)
    {
        if (!_idle.TryTake(out var reader))
        {
            reader = Reader.Open(_path);
            lock (_all)
            {
                _all.Add(reader);
            }
        }
        try
        {
            return read(reader);
        }
        finally
        {
            _idle.Add(reader);
        }
    }

    /// <summary>One layer: table, fid and geometry column, the attribute columns we read, and its R-tree if any.</summary>
    private sealed record Table(string Layer, string Name, string Fid, string Geometry, string?[] Columns, string? Rtree)
    {
        public string From => Quote(Name);
    }

    public static GeoPackageScreeningSource Open(string path)
    {
        var full = Path.GetFullPath(path);
        var layers = GeoPackageReader.Open(full);
        try
        {
            var byName = layers.ToDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase);
            foreach (var name in Required.Where(n => !byName.ContainsKey(n)))
            {
                throw new SourceFileException(full, name, $"no such layer; screening needs {string.Join(", ", Required)} and the file has {string.Join(", ", layers.Select(l => l.Name))}");
            }
            var zone = ZoneOf(full, byName["BHTB"]);
            foreach (var name in Required)
            {
                var other = ZoneOf(full, byName[name]);
                if (other != zone)
                {
                    throw new SourceFileException(full, byName[name].Name,
                        $"coordinate reference system {other} differs from that of BHTB, {zone}; reproject the layer (e.g. ogr2ogr -t_srs EPSG:{zone.Epsg}) so all layers share one zone");
                }
            }
            var reader = Reader.Open(full);
            try
            {
                var connection = reader.Connection;
                var tables = new Dictionary<string, Table>(StringComparer.Ordinal)
                {
                    ["DLTB"] = Describe(connection, full, byName["DLTB"], ["DLBM"], []),
                    ["YJJBNT"] = Describe(connection, full, byName["YJJBNT"], [], []),
                    ["GBZNT"] = Describe(connection, full, byName["GBZNT"], [], []),
                    ["PZYD"] = Describe(connection, full, byName["PZYD"], ["PZWH", "PZLX"], []),
                    // Without QSXDL/HSXDL a patch gets no tags but is screened all the same.
                    ["BHTB"] = Describe(connection, full, byName["BHTB"], ["JCBH"], ["QSXDL", "HSXDL"]),
                };
                return new GeoPackageScreeningSource(full, reader, tables, zone);
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }
        finally
        {
            foreach (var layer in layers)
            {
                layer.Dispose();
            }
        }
    }

    public IReadOnlyList<(long Id, Envelope Box)> ReadChangePatchBoxes() => WithReader(ReadChangePatchBoxes);

    /// <summary>Rows of BHTB, counted without reading them (to choose threads or worker processes).</summary>
    public long CountChangePatches() => WithReader(file =>
    {
        using var count = file.Connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {_tables["BHTB"].From}";
        return Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    private List<(long Id, Envelope Box)> ReadChangePatchBoxes(Reader file)
    {
        var table = _tables["BHTB"];
        // A patch without geometry has no R-tree entry and would silently drop out of the result.
        using (var missing = file.Connection.CreateCommand())
        {
            missing.CommandText = $"SELECT {Quote(table.Fid)} FROM {table.From} WHERE {Quote(table.Geometry)} IS NULL LIMIT 1";
            if (missing.ExecuteScalar() is long fid)
            {
                throw new SourceFileException(_path, table.Name, $"feature {fid}: no geometry");
            }
        }
        var boxes = new List<(long, Envelope)>();
        if (table.Rtree is { } rtree)
        {
            Query(file, $"SELECT id, minx, maxx, miny, maxy FROM {Quote(rtree)}", table, reader =>
                boxes.Add((reader.GetInt64(0), new Envelope(reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4)))));
            using var count = file.Connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {table.From}";
            if (Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture) == boxes.Count)
            {
                return boxes;
            }
            boxes.Clear(); // an empty geometry has no R-tree entry either: take the boxes from the geometries
        }
        Query(file, $"SELECT {Quote(table.Fid)}, {Quote(table.Geometry)} FROM {table.From}", table, reader =>
            boxes.Add((reader.GetInt64(0), ReadGeometry(file, reader, 1, table, reader.GetInt64(0)).EnvelopeInternal)));
        return boxes;
    }

    public IReadOnlyList<ChangePatch> ReadChangePatches(IReadOnlyCollection<long> ids) => WithReader(file => ReadChangePatches(file, ids));

    private List<ChangePatch> ReadChangePatches(Reader file, IReadOnlyCollection<long> ids)
    {
        var table = _tables["BHTB"];
        var patches = new List<ChangePatch>(ids.Count);
        ReadRows(file, table, ids, (reader, fid, geometry) => patches.Add(new ChangePatch(
            fid, reader.IsDBNull(2) ? fid.ToString(CultureInfo.InvariantCulture) : ReadText(reader, 2),
            geometry, reader.IsDBNull(3) ? null : ReadText(reader, 3), reader.IsDBNull(4) ? null : ReadText(reader, 4))));
        return patches;
    }

    public ScreeningLayers ReadReferenceLayers(IReadOnlyList<Envelope> boxes) => WithReader(file => ReadReferenceLayers(file, boxes));

    private ScreeningLayers ReadReferenceLayers(Reader file, IReadOnlyList<Envelope> boxes)
    {
        var json = BoxesAsJson(boxes);
        var land = new List<LandPatch>();
        var dltb = _tables["DLTB"];
        // Only cultivated land takes part; filtering on DLBM in SQL means other land is never parsed.
        var cultivated = LandClass.All.Where(LandClass.IsCultivated).Order(StringComparer.Ordinal).Select(c => $"'{c}'");
        var filter = $"trim({Quote(dltb.Columns[0]!)}) IN ({string.Join(", ", cultivated)})";
        ReadNear(file, dltb, json, filter, (reader, fid, geometry) => land.Add(new LandPatch(fid, ReadText(reader, 2), geometry)));
        var pbf = new List<FarmlandPatch>();
        ReadNear(file, _tables["YJJBNT"], json, null, (_, fid, geometry) => pbf.Add(new FarmlandPatch(fid, geometry)));
        var highStandard = new List<FarmlandPatch>();
        ReadNear(file, _tables["GBZNT"], json, null, (_, fid, geometry) => highStandard.Add(new FarmlandPatch(fid, geometry)));
        var approvals = new List<Approval>();
        ReadNear(file, _tables["PZYD"], json, null, (reader, fid, geometry) => approvals.Add(new Approval(
            fid, reader.IsDBNull(2) ? "" : ReadText(reader, 2), reader.IsDBNull(3) ? "" : ReadText(reader, 3), geometry)));
        return new ScreeningLayers(land, pbf, highStandard, approvals);
    }

    /// <summary>Turns an engine error into one naming file, layer and feature (with JCBH for a change patch).</summary>
    public SourceFileException Explain(ScreeningInputException e)
    {
        var table = e.Layer switch
        {
            ScreeningLayer.ChangePatches => _tables["BHTB"],
            ScreeningLayer.Land => _tables["DLTB"],
            ScreeningLayer.PermanentBasicFarmland => _tables["YJJBNT"],
            ScreeningLayer.HighStandardFarmland => _tables["GBZNT"],
            _ => _tables["PZYD"],
        };
        var label = table.Layer switch { "BHTB" => "JCBH", "PZYD" => "PZWH", _ => null };
        var name = label is null ? null : NameOf(table, e.FeatureId);
        var feature = name is null ? $"feature {e.FeatureId}" : $"feature {e.FeatureId} ({label} {name})";
        return new SourceFileException(_path, table.Name, $"{feature}: {e.Problem}", e);
    }

    public void Dispose()
    {
        foreach (var reader in _all)
        {
            reader.Dispose();
        }
    }

    private string? NameOf(Table table, long fid) => WithReader(file =>
    {
        using var command = file.Connection.CreateCommand();
        command.CommandText = $"SELECT {Quote(table.Columns[0]!)} FROM {table.From} WHERE {Quote(table.Fid)} = $fid";
        command.Parameters.AddWithValue("$fid", fid);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
    });

    /// <summary>
    /// Reads the rows of <paramref name="table"/> whose R-tree box meets one of the boxes, each once, in fid order: one
    /// statement joins the boxes (JSON) with the R-tree (the R-tree is the inner loop, so each box is an index
    /// query) and looks the rows up by fid. Without an R-tree every row is read and the engine's own index filters.
    /// </summary>
    private void ReadNear(Reader file, Table table, string boxesJson, string? filter, Action<SqliteDataReader, long, Geometry> row)
    {
        var near = table.Rtree is { } rtree
            ? $"""
              {Quote(table.Fid)} IN (SELECT r.id FROM json_each($boxes) b CROSS JOIN {Quote(rtree)} r
                WHERE r.minx <= b.value ->> 1 AND r.maxx >= b.value ->> 0 AND r.miny <= b.value ->> 3 AND r.maxy >= b.value ->> 2)
              """
            : "1";
        ReadWhere(file, table, near + (filter is null ? "" : " AND " + filter), ("$boxes", boxesJson), row);
    }

    /// <summary>Reads fid, geometry and <see cref="Table.Columns"/> (from ordinal 2) of the given rows in fid order.</summary>
    private void ReadRows(Reader file, Table table, IReadOnlyCollection<long> ids, Action<SqliteDataReader, long, Geometry> row) =>
        ReadWhere(file, table, $"{Quote(table.Fid)} IN (SELECT value FROM json_each($ids))", ("$ids", "[" + string.Join(",", ids) + "]"), row);

    private void ReadWhere(Reader file, Table table, string where, (string Name, object Value) parameter, Action<SqliteDataReader, long, Geometry> row)
    {
        // An optional column the layer lacks (QSXDL, HSXDL) reads as NULL.
        var columns = string.Concat(table.Columns.Select(c => ", " + (c is null ? "NULL" : Quote(c))));
        var sql = $"SELECT {Quote(table.Fid)}, {Quote(table.Geometry)}{columns} FROM {table.From} WHERE {where} ORDER BY {Quote(table.Fid)}";
        Query(file, sql, table, reader =>
        {
            var fid = reader.GetInt64(0);
            row(reader, fid, ReadGeometry(file, reader, 1, table, fid));
        }, parameter);
    }

    /// <summary>
    /// The boxes as a JSON array of [minx, maxx, miny, maxy], widened by a millimetre so that rounding of the decimal
    /// text can never drop a candidate (an extra candidate costs an envelope test, a missing one a wrong area).
    /// </summary>
    private static string BoxesAsJson(IReadOnlyList<Envelope> boxes)
    {
        const double Margin = 0.001;
        var text = new System.Text.StringBuilder(boxes.Count * 80).Append('[');
        foreach (var box in boxes)
        {
            text.Append(text.Length > 1 ? ",[" : "[")
                .Append((box.MinX - Margin).ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append((box.MaxX + Margin).ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append((box.MinY - Margin).ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append((box.MaxY + Margin).ToString("R", CultureInfo.InvariantCulture)).Append(']');
        }
        return text.Append(']').ToString();
    }

    private void Query(Reader file, string sql, Table table, Action<SqliteDataReader> row, params (string Name, object Value)[] parameters)
    {
        try
        {
            using var command = file.Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                row(reader);
            }
        }
        catch (SqliteException e)
        {
            throw new SourceFileException(_path, table.Name, $"cannot read the layer: {e.Message}", e);
        }
    }

    private Geometry ReadGeometry(Reader file, SqliteDataReader reader, int ordinal, Table table, long fid)
    {
        if (reader.IsDBNull(ordinal))
        {
            throw new SourceFileException(_path, table.Name, $"feature {fid}: no geometry");
        }
        var length = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
        if (file.Blob.Length < length)
        {
            file.Blob = new byte[Math.Max(length, 2 * file.Blob.Length)];
        }
        reader.GetBytes(ordinal, 0, file.Blob, 0, length);
        try
        {
            return PolygonWkb.Read(file.Blob.AsSpan(0, length), _factory, file.Wkb)
                ?? throw new SourceFileException(_path, table.Name, $"feature {fid}: empty geometry");
        }
        catch (Exception e) when (e is FormatException or ParseException or ArgumentException or IndexOutOfRangeException or EndOfStreamException)
        {
            throw new SourceFileException(_path, table.Name, $"feature {fid}: unreadable geometry: {e.Message}", e);
        }
    }

    private static string ReadText(SqliteDataReader reader, int ordinal) =>
        Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? "";

    private static GaussKrugerZone ZoneOf(string path, SourceLayer layer)
    {
        var crs = CgcsCrs.Identify(layer.Epsg, layer.CrsDefinition);
        if (!crs.IsSupported)
        {
            throw new SourceFileException(path, layer.Name, $"unsupported coordinate reference system: {crs.Description}");
        }
        return crs.Zone ?? throw new SourceFileException(path, layer.Name,
            $"{crs.Description} is longitude/latitude; screening needs the layers in a CGCS2000 Gauss-Kruger zone");
    }

    /// <summary>The layer's table, fid and geometry column, R-tree, and the given fields (required ones first; a missing optional one is null).</summary>
    private static Table Describe(SqliteConnection connection, string path, SourceLayer layer, string[] required, string[] optional)
    {
        var columns = new List<string?>();
        foreach (var (field, isRequired) in required.Select(f => (f, true)).Concat(optional.Select(f => (f, false))))
        {
            var index = layer.FieldIndex(field);
            if (index < 0 && isRequired)
            {
                throw new SourceFileException(path, layer.Name, $"no field {field}; the layer has {string.Join(", ", layer.Fields.Select(f => f.Name))}");
            }
            columns.Add(index < 0 ? null : layer.Fields[index].Name);
        }
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT g.column_name,
                   (SELECT p.name FROM pragma_table_info(g.table_name) p WHERE p.pk = 1),
                   (SELECT name FROM sqlite_master WHERE name = 'rtree_' || g.table_name || '_' || g.column_name)
            FROM gpkg_geometry_columns g WHERE g.table_name = $t
            """;
        command.Parameters.AddWithValue("$t", layer.Name);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(1))
        {
            throw new SourceFileException(path, layer.Name, "not a feature table with an integer fid");
        }
        return new Table(layer.Name.ToUpperInvariant(), layer.Name, reader.GetString(1), reader.GetString(0), [.. columns], reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
