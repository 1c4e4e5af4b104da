using Gengbao.Storage.Database;
using System.Text;
using System.Text.Json.Nodes;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Screening;

/// <summary>Reads stored screening results: lists, one patch, per-county summaries and a GeoJSON layer for the map.</summary>
public sealed class ScreeningResultStore(IConnectionSource connections)
{
    /// <summary>As the owner, unscoped: for the CLI and background jobs.</summary>
    public ScreeningResultStore(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    private const string ResultColumns = """
        r.county_code, r.year, r.fid, r.jcbh, r.class, r.tags, r.patch_mj, r.gd_mj, r.yjjbnt_mj, r.gbznt_mj, r.pzyd_mj,
        r.unapproved_gd_mj, r.unapproved_yjjbnt_mj, r.approvals::text, r.approved_by_type::text, r.reason, r.run_id, r.screened_at,
        b.spatial_code, b.qsxdl, b.hsxdl, b.ly
        """;

    private const string ResultFrom = """
        FROM screening_result r JOIN bhtb b ON b.county_code = r.county_code AND b.year = r.year AND b.fid = r.fid
        """;

    /// <summary>Results of the counties under <paramref name="region"/> for <paramref name="year"/>, by JCBH, optionally of one class.</summary>
    public async Task<IReadOnlyList<ScreeningResultRow>> ListAsync(string region, int year, string? @class, int limit, int offset,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT {ResultColumns} {ResultFrom}
            WHERE r.county_code LIKE left($1, 6) || '%' AND r.year = $2 AND ($3::text IS NULL OR r.class = $3)
            ORDER BY r.jcbh, r.county_code, r.fid LIMIT $4 OFFSET $5
            """);
        command.Parameters.AddWithValue(region);
        command.Parameters.AddWithValue(year);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)@class ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.AddWithValue(limit);
        command.Parameters.AddWithValue(offset);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The results of the patches with monitoring number <paramref name="jcbh"/>, newest year first.</summary>
    public async Task<IReadOnlyList<ScreeningResultRow>> FindAsync(string jcbh, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {ResultColumns} {ResultFrom} WHERE r.jcbh = $1 ORDER BY r.year DESC, r.county_code");
        command.Parameters.AddWithValue(jcbh);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Per county: change patches, how many are screened, green, yellow, and the tagged ones, for <paramref name="year"/>.</summary>
    public async Task<IReadOnlyList<ScreeningSummaryRow>> SummaryAsync(string region, int year, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT b.county_code, count(*), count(r.fid),
                   count(*) FILTER (WHERE r.class = 'green'), count(*) FILTER (WHERE r.class = 'yellow'),
                   count(*) FILTER (WHERE 'non_agricultural' = ANY(r.tags)), count(*) FILTER (WHERE 'non_grain' = ANY(r.tags)),
                   coalesce(sum(r.gd_mj) FILTER (WHERE r.class = 'yellow'), 0), coalesce(sum(r.unapproved_gd_mj) FILTER (WHERE r.class = 'yellow'), 0)
            FROM bhtb b LEFT JOIN screening_result r ON r.county_code = b.county_code AND r.year = b.year AND r.fid = b.fid
            WHERE b.county_code LIKE left($1, 6) || '%' AND b.year = $2
            GROUP BY b.county_code ORDER BY b.county_code
            """);
        command.Parameters.AddWithValue(region);
        command.Parameters.AddWithValue(year);
        var rows = new List<ScreeningSummaryRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ScreeningSummaryRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetDecimal(7), reader.GetDecimal(8)));
        }
        return rows;
    }

    /// <summary>
    /// The change patches under <paramref name="region"/> for <paramref name="year"/> as a GeoJSON FeatureCollection in
    /// EPSG:4490 (longitude, latitude) with their class (<c>unscreened</c> when no result yet), optionally only those
    /// intersecting <paramref name="bbox"/> (minLon, minLat, maxLon, maxLat). Written straight from PostGIS.
    /// </summary>
    public async Task<string> GeoJsonAsync(string region, int year, double[]? bbox, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT b.jcbh, coalesce(r.class, 'unscreened'), coalesce(array_to_string(r.tags, ','), ''), r.reason,
                   r.patch_mj, r.gd_mj, r.pzyd_mj, b.spatial_code, b.county_code, ST_AsGeoJSON(b.geom_4490, 7)
            FROM bhtb b LEFT JOIN screening_result r ON r.county_code = b.county_code AND r.year = b.year AND r.fid = b.fid
            WHERE b.county_code LIKE left($1, 6) || '%' AND b.year = $2
              AND ($3::float8[] IS NULL OR b.geom_4490 && ST_MakeEnvelope($3[1], $3[2], $3[3], $3[4], 4490))
            ORDER BY b.jcbh, b.fid
            """);
        command.Parameters.AddWithValue(region);
        command.Parameters.AddWithValue(year);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)bbox ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Double });
        var json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        var first = true;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var properties = new JsonObject
            {
                ["jcbh"] = reader.GetString(0),
                ["class"] = reader.GetString(1),
                ["tags"] = reader.GetString(2),
                ["reason"] = reader.IsDBNull(3) ? null : reader.GetString(3),
                ["patchMj"] = reader.IsDBNull(4) ? null : reader.GetDecimal(4),
                ["gdMj"] = reader.IsDBNull(5) ? null : reader.GetDecimal(5),
                ["pzydMj"] = reader.IsDBNull(6) ? null : reader.GetDecimal(6),
                ["spatialCode"] = reader.GetString(7),
                ["countyCode"] = reader.GetString(8),
            };
            json.Append(first ? "" : ",").Append("{\"type\":\"Feature\",\"geometry\":").Append(reader.GetString(9))
                .Append(",\"properties\":").Append(properties.ToJsonString()).Append('}');
            first = false;
        }
        return json.Append("]}").ToString();
    }

    private static async Task<IReadOnlyList<ScreeningResultRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ScreeningResultRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ScreeningResultRow(
                reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<string[]>(5),
                reader.GetDecimal(6), reader.GetDecimal(7), reader.GetDecimal(8), reader.GetDecimal(9), reader.GetDecimal(10), reader.GetDecimal(11),
                reader.GetDecimal(12), JsonNode.Parse(reader.GetString(13))!.AsArray(), JsonNode.Parse(reader.GetString(14))!.AsObject(),
                reader.GetString(15), reader.GetInt64(16), reader.GetFieldValue<DateTimeOffset>(17), reader.GetString(18),
                reader.IsDBNull(19) ? null : reader.GetString(19), reader.IsDBNull(20) ? null : reader.GetString(20),
                reader.IsDBNull(21) ? null : reader.GetString(21)));
        }
        return rows;
    }
}

/// <summary>The stored screening of one change patch, with the patch's spatial code and before/after classes.</summary>
public sealed record ScreeningResultRow(
    string CountyCode, int Year, long Fid, string Jcbh, string Class, string[] Tags,
    decimal PatchMj, decimal GdMj, decimal YjjbntMj, decimal GbzntMj, decimal PzydMj, decimal UnapprovedGdMj, decimal UnapprovedYjjbntMj,
    JsonArray Approvals, JsonObject ApprovedByType, string Reason, long RunId, DateTimeOffset ScreenedAt, string SpatialCode,
    string? BeforeClass, string? AfterClass, string? Source);

/// <summary>Screening counts of one county and year; areas in m².</summary>
public sealed record ScreeningSummaryRow(
    string CountyCode, long Patches, long Screened, long Green, long Yellow, long NonAgricultural, long NonGrain,
    decimal YellowCultivatedMj, decimal YellowUnapprovedCultivatedMj);
