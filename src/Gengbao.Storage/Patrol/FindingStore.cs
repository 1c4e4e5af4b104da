using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using System.Security.Cryptography;
using Gengbao.Geo.Crs;
using Gengbao.Import.Photos;
using Gengbao.Patrol.Findings;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Patrol;

/// <summary>A finding as stored; <see cref="Geometry"/> is CGCS2000 longitude/latitude.</summary>
public sealed record FindingView(long Id, string CountyCode, string CellCode, long? TaskId, string Category, string CategoryLabel,
    Geometry Geometry, string? SpatialCode, string? Dlbm, string Notes, string? ReportedBy, DateTimeOffset CreatedAt, int Photos);

/// <summary>
/// The answer to a finding report: <see cref="Stored"/> is false when a finding with the same client id and content
/// had been stored before (a retry whose first answer was lost).
/// </summary>
public sealed record FindingReceipt(FindingView Finding, bool Stored);

/// <summary>A stored photo's EXIF evidence and the mismatch flags raised (never a rejection).</summary>
public sealed record PhotoResult(long Id, long FindingId, double? ExifLon, double? ExifLat, DateTimeOffset? ExifTime, IReadOnlyList<string> Flags, bool Stored);

/// <summary>
/// Patrol findings: the cell comes from the task (or the finest admin unit at the finding), the parcel's spatial code
/// from the DLTB parcel under the finding's interior point; photos are kept in the database with their EXIF checked
/// against the finding and the task's track (<see cref="PhotoCheck"/>).
/// </summary>
public sealed class FindingStore(IConnectionSource connections, TrackStore tracks, TimeProvider time)
{
    /// <summary>Phone photos are 2–8 MB; anything above this is not a photo of a field.</summary>
    public const int MaxPhotoBytes = 20 * 1024 * 1024;

    /// <summary>A finding without a client id (not idempotent: each call stores one).</summary>
    public async Task<FindingView> CreateAsync(string category, Geometry geometry, string? notes, long? taskId, string? reportedBy,
        CancellationToken cancellationToken = default) =>
        (await CreateAsync(category, geometry, notes, taskId, reportedBy, null, cancellationToken).ConfigureAwait(false)).Finding;

    /// <summary>
    /// Stores a finding. With a <paramref name="clientId"/> (the UUID the client made when the finding was reported and
    /// reuses on every retry) it is stored at most once: a retry with the same content returns the stored finding
    /// (<see cref="FindingReceipt.Stored"/> false); the same id with other content is a <see cref="PatrolError.Conflict"/>
    /// and nothing is written. Content = category, geometry, notes, task and reporter.
    /// </summary>
    public async Task<FindingReceipt> CreateAsync(string category, Geometry geometry, string? notes, long? taskId, string? reportedBy, Guid? clientId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (clientId == Guid.Empty)
        {
            throw new PatrolException(PatrolError.Invalid, "clientId is the empty UUID: the client makes one per finding (a random UUID) and reuses it on retry");
        }
        var problems = new List<string>();
        if (!FindingCategories.TryParse(category, out var parsed))
        {
            problems.Add($"category '{category}' is not one of {string.Join(", ", FindingCategories.Names)}");
        }
        if (geometry is not (Point or Polygon or MultiPolygon) || geometry.IsEmpty)
        {
            problems.Add("geometry must be a Point or a Polygon");
        }
        else if (!geometry.IsValid)
        {
            problems.Add("the polygon is not valid (self-intersecting or unclosed)");
        }
        else if (geometry.EnvelopeInternal is var e && (e.MinX < 73 || e.MaxX > 136 || e.MinY < 3 || e.MaxY > 54))
        {
            problems.Add("the geometry is outside China (73..136°E, 3..54°N); coordinates are longitude, latitude");
        }
        if (problems.Count > 0)
        {
            throw new PatrolException(PatrolError.Invalid, "the finding is not valid; nothing was stored", problems);
        }
        geometry = new GeometryFactory(new PrecisionModel(), CgcsCrs.Geographic).CreateGeometry(geometry);
        var categoryName = FindingCategories.Name(parsed);
        var hash = Hash(categoryName, geometry, notes ?? "", taskId, reportedBy);
        if (clientId is { } known && await FindByClientIdAsync(known, null, hash, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return new FindingReceipt(earlier, Stored: false);
        }
        string county, cell;
        if (taskId is { } id)
        {
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command("SELECT county_code, cell_code FROM patrol_task WHERE id = $1");
            command.Parameters.AddWithValue(id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new PatrolException(PatrolError.NotFound, $"no patrol task {id}");
            }
            (county, cell) = (reader.GetString(0), reader.GetString(1));
        }
        else
        {
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command("""
                SELECT county_code, code FROM admin_unit WHERE ST_Intersects(geom_4490, ST_PointOnSurface($1)) ORDER BY level DESC, year DESC LIMIT 1
                """);
            command.Parameters.AddWithValue(geometry);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new PatrolException(PatrolError.Invalid, "the finding lies outside every loaded admin unit");
            }
            (county, cell) = (reader.GetString(0), reader.GetString(1));
        }
        await using (var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = connection.Command(InsertSql))
        {
            command.Parameters.AddWithValue(county);
            command.Parameters.AddWithValue(cell);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bigint, (object?)taskId ?? DBNull.Value);
            command.Parameters.AddWithValue(categoryName);
            command.Parameters.AddWithValue(geometry);
            command.Parameters.AddWithValue(notes ?? "");
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)reportedBy ?? DBNull.Value);
            command.Parameters.AddWithValue(time.GetUtcNow().UtcDateTime);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Uuid, (object?)clientId ?? DBNull.Value);
            command.Parameters.AddWithValue(hash);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long newId)
            {
                return new FindingReceipt(await GetAsync(newId, cancellationToken).ConfigureAwait(false), Stored: true);
            }
        }
        // A concurrent request with the same client id stored it between the look-up and the insert.
        return new FindingReceipt(await FindByClientIdAsync(clientId!.Value, county, hash, cancellationToken).ConfigureAwait(false)
            ?? throw new PatrolException(PatrolError.Conflict, $"client id {clientId} is already used by a finding outside your region; a new finding needs a new clientId"),
            Stored: false);
    }

    /// <summary>
    /// The finding stored under a client id (in <paramref name="county"/> if given), or null; the same id with other
    /// content is a conflict.
    /// </summary>
    private async Task<FindingView?> FindByClientIdAsync(Guid clientId, string? county, string hash, CancellationToken cancellationToken)
    {
        long id;
        string stored;
        await using (var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = connection.Command("""
            SELECT id, content_sha256 FROM patrol_finding WHERE client_id = $1 AND ($2::text IS NULL OR county_code = $2) ORDER BY id LIMIT 1
            """))
        {
            command.Parameters.AddWithValue(clientId);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)county ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
            (id, stored) = (reader.GetInt64(0), reader.IsDBNull(1) ? "" : reader.GetString(1));
        }
        if (!string.Equals(stored, hash, StringComparison.Ordinal))
        {
            throw new PatrolException(PatrolError.Conflict,
                $"client id {clientId} was already used for finding {id} with different content (category, geometry, notes, task or reporter); nothing was stored; a new finding needs a new clientId");
        }
        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// SHA-256 over what the client reported (the geometry as WKB after conversion to CGCS2000): a retry of the same
    /// report hashes the same, another report under the same client id does not.
    /// </summary>
    public static string Hash(string category, Geometry geometry, string notes, long? taskId, string? reportedBy)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(category);
            writer.Write(new NetTopologySuite.IO.WKBWriter().Write(geometry));
            writer.Write(notes);
            writer.Write(taskId ?? -1);
            writer.Write(reportedBy is null);
            writer.Write(reportedBy ?? "");
        }
        return Convert.ToHexString(SHA256.HashData(buffer.ToArray()));
    }

    public async Task<FindingView> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var list = await QueryAsync("WHERE f.id = $1", [id], cancellationToken).ConfigureAwait(false);
        return list.Count == 1 ? list[0] : throw new PatrolException(PatrolError.NotFound, $"no finding {id}");
    }

    /// <summary>Findings under a region prefix, newest first.</summary>
    public Task<IReadOnlyList<FindingView>> ListAsync(string? region, long? taskId, int limit = 1000, CancellationToken cancellationToken = default)
    {
        var prefix = region is null ? null : Gengbao.Patrol.Cycles.RegionPrefix.Of(region);
        return QueryAsync("""
            WHERE ($1::text IS NULL OR starts_with(f.cell_code, $1)) AND ($2::bigint IS NULL OR f.task_id = $2)
            ORDER BY f.created_at DESC, f.id DESC LIMIT $3
            """, [(object?)prefix ?? DBNull.Value, (object?)taskId ?? DBNull.Value, Math.Clamp(limit, 1, 10_000)], cancellationToken);
    }

    /// <summary>Stores a photo of a finding with its EXIF checks; the same image twice is stored once.</summary>
    public async Task<PhotoResult> AddPhotoAsync(long findingId, string fileName, string contentType, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length is 0 or > MaxPhotoBytes)
        {
            throw new PatrolException(PatrolError.Invalid, $"a photo must be 1 byte to {MaxPhotoBytes / 1024 / 1024} MB; got {content.Length} bytes");
        }
        var finding = await GetAsync(findingId, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(content, writable: false);
        var evidence = ExifReader.Read(stream);
        var track = finding.TaskId is { } taskId ? await tracks.ReadAsync(taskId, cancellationToken).ConfigureAwait(false) : [];
        var flags = PhotoCheck.Check(evidence, finding.Geometry, track);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            INSERT INTO patrol_finding_photo (county_code, finding_id, cell_code, file_name, content_type, content, sha256,
                                              exif_lon, exif_lat, exif_time, flags, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (county_code, finding_id, sha256) DO NOTHING
            RETURNING id
            """);
        command.Parameters.AddWithValue(finding.CountyCode);
        command.Parameters.AddWithValue(findingId);
        command.Parameters.AddWithValue(finding.CellCode);
        command.Parameters.AddWithValue(Path.GetFileName(fileName));
        command.Parameters.AddWithValue(contentType);
        command.Parameters.AddWithValue(content);
        command.Parameters.AddWithValue(Convert.ToHexString(SHA256.HashData(content)));
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Double, (object?)evidence.Lon ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Double, (object?)evidence.Lat ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)evidence.TakenAt?.UtcDateTime ?? DBNull.Value);
        command.Parameters.AddWithValue(flags.ToArray());
        command.Parameters.AddWithValue(time.GetUtcNow().UtcDateTime);
        var id = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return new PhotoResult(id is long l ? l : 0, findingId, evidence.Lon, evidence.Lat, evidence.TakenAt, flags, Stored: id is long);
    }

    private async Task<IReadOnlyList<FindingView>> QueryAsync(string where, object[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT f.id, f.county_code, f.cell_code, f.task_id, f.category, f.geom_4490, f.spatial_code, f.dlbm, f.notes, f.reported_by, f.created_at,
                   (SELECT count(*) FROM patrol_finding_photo p WHERE p.county_code = f.county_code AND p.finding_id = f.id)
            FROM patrol_finding f {where}
            """);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }
        var list = new List<FindingView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(4);
            FindingCategories.TryParse(name, out var category);
            list.Add(new FindingView(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                name, FindingCategories.Label(category), reader.GetFieldValue<Geometry>(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetFieldValue<DateTimeOffset>(10), (int)reader.GetInt64(11)));
        }
        return list;
    }

    // The parcel is the newest-year DLTB patch under the finding's interior point, in the finding's county.
    private const string InsertSql = """
        INSERT INTO patrol_finding (county_code, cell_code, task_id, category, geom_4490, spatial_code, dlbm, notes, reported_by, created_at,
                                    client_id, content_sha256)
        SELECT $1, $2, $3, $4, $5, d.spatial_code, d.dlbm, $6, $7, $8, $9, $10
        FROM (SELECT 1) one
        LEFT JOIN LATERAL (
            SELECT spatial_code, dlbm FROM dltb
            WHERE county_code = $1 AND geom_4490 && ST_PointOnSurface($5) AND ST_Intersects(geom_4490, ST_PointOnSurface($5))
            ORDER BY year DESC LIMIT 1) d ON true
        ON CONFLICT (county_code, client_id) WHERE client_id IS NOT NULL DO NOTHING
        RETURNING id
        """;
}
