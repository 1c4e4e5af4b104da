using Gengbao.Geo.Crs;
using Gengbao.Screening;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace Gengbao.Storage.Screening;

/// <summary>
/// The change patches of one county and year and the reference layers around them, read from PostGIS for
/// <see cref="ScreeningPipeline"/>. Everything is handed over in the patches' Gauss–Krüger zone; features of a neighbouring
/// county stored in another zone are transformed by PostGIS. Candidates are searched on <c>geom_4490</c> (one SRID
/// for all rows, so one index serves every zone) with each patch box converted to longitude/latitude and widened.
/// </summary>
public sealed class PostgisScreeningSource : IScreeningSource, IDisposable
{
    // About 11 m at these latitudes: a projected box's corners do not bound its geographic image exactly.
    private const double MarginDegrees = 1e-4;

    private readonly NpgsqlConnection _connection;
    private readonly ScreeningInputs _inputs;
    private readonly WKBReader _wkb = new(NtsGeometryServices.Instance) { HandleSRID = false, IsStrict = false };
    private readonly GeometryFactory _factory = NtsGeometryServices.Instance.CreateGeometryFactory();

    /// <summary>Opens a connection for one run over <paramref name="inputs"/>.</summary>
    public PostgisScreeningSource(NpgsqlDataSource dataSource, ScreeningInputs inputs)
    {
        _inputs = inputs;
        _connection = dataSource.OpenConnection();
    }

    /// <summary>Content hash of each patch as read (<c>screening_patch_hash</c>), by fid, to detect a patch re-imported meanwhile.</summary>
    public Dictionary<long, string> PatchHashes { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<(long Id, Envelope Box)> ReadChangePatchBoxes()
    {
        using var command = new NpgsqlCommand("""
            SELECT fid, ST_XMin(g), ST_XMax(g), ST_YMin(g), ST_YMax(g) FROM (
                SELECT fid, CASE WHEN ST_SRID(geom) = $3 THEN geom ELSE ST_Transform(geom_4490, $3) END::box2d AS g
                FROM bhtb WHERE county_code = $1 AND year = $2 AND version_id = $4 AND ($5::bigint[] IS NULL OR fid = ANY($5))) b
            """, _connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(_inputs.CountyCode);
        command.Parameters.AddWithValue(_inputs.Year);
        command.Parameters.AddWithValue(_inputs.Zone.Epsg);
        command.Parameters.AddWithValue(_inputs.PatchVersion);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)_inputs.PatchFids ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint });
        var boxes = new List<(long, Envelope)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            boxes.Add((reader.GetInt64(0), new Envelope(reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4))));
        }
        return boxes;
    }

    /// <inheritdoc />
    public IReadOnlyList<ChangePatch> ReadChangePatches(IReadOnlyCollection<long> ids)
    {
        using var command = new NpgsqlCommand("""
            SELECT fid, jcbh, qsxdl, hsxdl,
                   ST_AsBinary(CASE WHEN ST_SRID(geom) = $3 THEN geom ELSE ST_Transform(geom_4490, $3) END),
                   screening_patch_hash(jcbh, qsxdl, hsxdl, geom_4490)
            FROM bhtb WHERE county_code = $1 AND year = $2 AND version_id = $4 AND fid = ANY($5)
            """, _connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(_inputs.CountyCode);
        command.Parameters.AddWithValue(_inputs.Year);
        command.Parameters.AddWithValue(_inputs.Zone.Epsg);
        command.Parameters.AddWithValue(_inputs.PatchVersion);
        command.Parameters.AddWithValue(ids.ToArray());
        var patches = new List<ChangePatch>(ids.Count);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var fid = reader.GetInt64(0);
            patches.Add(new ChangePatch(fid, reader.GetString(1), Read(reader, 4),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            PatchHashes[fid] = reader.GetString(5);
        }
        return patches;
    }

    /// <inheritdoc />
    public ScreeningLayers ReadReferenceLayers(IReadOnlyList<Envelope> boxes)
    {
        var (minX, minY, maxX, maxY) = (new double[boxes.Count], new double[boxes.Count], new double[boxes.Count], new double[boxes.Count]);
        for (var i = 0; i < boxes.Count; i++)
        {
            var geographic = GeometryReprojector.ToGeographic(_factory.ToGeometry(boxes[i]), _inputs.Zone).EnvelopeInternal;
            (minX[i], minY[i], maxX[i], maxY[i]) = (geographic.MinX - MarginDegrees, geographic.MinY - MarginDegrees,
                geographic.MaxX + MarginDegrees, geographic.MaxY + MarginDegrees);
        }
        var land = new List<LandPatch>();
        Candidates("dltb", "dlbm", "AND t.dlbm IN ('0101', '0102', '0103')", _inputs.LandVersions, minX, minY, maxX, maxY,
            (reader, geometry) => land.Add(new LandPatch(reader.GetInt64(0), reader.GetString(1), geometry)));
        var pbf = new List<FarmlandPatch>();
        Candidates("yjjbnt", "''", "", _inputs.PermanentBasicFarmlandVersions, minX, minY, maxX, maxY,
            (reader, geometry) => pbf.Add(new FarmlandPatch(reader.GetInt64(0), geometry)));
        var hsf = new List<FarmlandPatch>();
        Candidates("gbznt", "''", "", _inputs.HighStandardFarmlandVersions, minX, minY, maxX, maxY,
            (reader, geometry) => hsf.Add(new FarmlandPatch(reader.GetInt64(0), geometry)));
        var approvals = new List<Approval>();
        Candidates("pzyd", "pzwh || chr(31) || coalesce(pzlx, '')", "", _inputs.ApprovalVersions, minX, minY, maxX, maxY,
            (reader, geometry) =>
            {
                var parts = reader.GetString(1).Split('\u001f');
                approvals.Add(new Approval(reader.GetInt64(0), parts[0], parts[1], geometry));
            });
        return new ScreeningLayers(land, pbf, hsf, approvals);
    }

    private void Candidates(string table, string attribute, string filter, long[] versions, double[] minX, double[] minY, double[] maxX,
        double[] maxY, Action<NpgsqlDataReader, Geometry> add)
    {
        if (versions.Length == 0)
        {
            return;
        }
        // One index probe per box; DISTINCT keeps each feature once however many boxes it meets, and the rows are then
        // fetched by their tuple ids (the table's key does not lead with version_id).
        using var command = new NpgsqlCommand($"""
            SELECT fid, {attribute}, ST_AsBinary(CASE WHEN ST_SRID(geom) = $1 THEN geom ELSE ST_Transform(geom_4490, $1) END)
            FROM {table}
            WHERE ctid = ANY(ARRAY(
                SELECT DISTINCT t.ctid
                FROM unnest($3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS b(x1, y1, x2, y2)
                JOIN {table} t ON t.geom_4490 && ST_MakeEnvelope(b.x1, b.y1, b.x2, b.y2, 4490)
                WHERE t.version_id = ANY($2) {filter}))
            """, _connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(_inputs.Zone.Epsg);
        command.Parameters.AddWithValue(versions);
        command.Parameters.AddWithValue(minX);
        command.Parameters.AddWithValue(minY);
        command.Parameters.AddWithValue(maxX);
        command.Parameters.AddWithValue(maxY);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            add(reader, Read(reader, 2));
        }
    }

    private Geometry Read(NpgsqlDataReader reader, int ordinal) => _wkb.Read(reader.GetFieldValue<byte[]>(ordinal));

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
