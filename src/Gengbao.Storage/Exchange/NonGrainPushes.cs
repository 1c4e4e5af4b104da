using System.Text.Json.Nodes;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Exchange;

/// <summary>A pushed feature: outbox id (the pull watermark), county, year, and the GeoJSON feature.</summary>
public sealed record OutboxEntry(long Id, string CountyCode, int Year, DateTimeOffset CreatedAt, JsonNode Feature);

/// <summary>
/// Pushes of seed 000 §三: change patches screened as non-grain (非粮化) on permanent basic farmland (YJJBNT overlap
/// &gt; 0) go to the agriculture side. <see cref="CollectAsync"/> copies every such screening result not yet pushed into
/// <c>exchange_outbox</c> (one entry per patch: the unique key is the watermark, so it is idempotent and can run after
/// every screening run or before every pull); the agriculture account pulls entries after the last id it has seen.
/// </summary>
public static class NonGrainPushes
{
    public const string CatalogItem = "non-grain-pbf-push";

    private const string CollectSql = """
        INSERT INTO exchange_outbox (county_code, catalog_item, source_key, year, feature)
        SELECT r.county_code, 'non-grain-pbf-push', r.county_code || '-' || r.year || '-' || r.fid, r.year,
               jsonb_build_object('type', 'Feature', 'id', r.county_code || '-' || r.year || '-' || r.fid,
                   'geometry', ST_AsGeoJSON(b.geom_4490, 9)::jsonb,
                   'properties', jsonb_build_object('JCBH', r.jcbh, 'TBMJ', r.patch_mj, 'YJJBNTMJ', r.yjjbnt_mj, 'county_code', r.county_code,
                       'year', r.year, 'class', r.class, 'tags', to_jsonb(r.tags), 'reason', r.reason, 'screened_at', r.screened_at))
        FROM screening_result r JOIN bhtb b ON b.county_code = r.county_code AND b.year = r.year AND b.fid = r.fid
        WHERE 'non_grain' = ANY (r.tags) AND r.yjjbnt_mj > 0
        ORDER BY r.county_code, r.year, r.fid
        ON CONFLICT (catalog_item, source_key) DO NOTHING
        """;

    /// <summary>As the owner: adds the new non-grain PBF patches to the outbox; returns how many were added.</summary>
    public static async Task<int> CollectAsync(NpgsqlDataSource owner, CancellationToken cancellationToken = default)
    {
        await using var command = owner.CreateCommand(CollectSql);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Entries after <paramref name="since"/> (an outbox id), oldest first; scoped connections see only the caller's region.</summary>
    public static async Task<IReadOnlyList<OutboxEntry>> PullAsync(IConnectionSource connections, long since, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            SELECT id, county_code, year, created_at, feature::text FROM exchange_outbox
            WHERE catalog_item = 'non-grain-pbf-push' AND id > $1 ORDER BY id LIMIT $2
            """, connection);
        command.Parameters.AddWithValue(since);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<OutboxEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3), JsonNode.Parse(reader.GetString(4))!));
        }
        return list;
    }
}
