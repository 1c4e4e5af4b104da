using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.OneMap;

/// <summary>One search hit: what matched (spatial code, admin unit or monitoring number), the feature's spatial code, a label and the bbox in CGCS2000 lon/lat.</summary>
public sealed record SearchHit(string Kind, string Layer, string Code, string SpatialCode, string Label, int Year, double[] Bbox);

/// <summary>
/// The one map's search box: spatial-code prefix (空间码, every layer), admin unit name or code, change-patch monitoring
/// number (JCBH) prefix. Newest year first, at most <c>limit</c> hits per kind.
/// </summary>
public sealed class OneMapSearch(IConnectionSource connections)
{
    /// <summary>As the owner, unscoped: for the CLI and background jobs.</summary>
    public OneMapSearch(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    // $1 = LIKE-escaped query, $2 = limit per branch. Admin units match by name anywhere or by code prefix.
    private const string Sql = """
        SELECT kind, layer, code, spatial_code, label, year, ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM (
          (SELECT 'admin' AS kind, 'XZQ' AS layer, code, spatial_code, name AS label, year, geom_4490::box2d AS b, level AS rank
           FROM admin_unit WHERE name LIKE '%' || $1 || '%' OR code LIKE $1 || '%' ORDER BY year DESC, level, code LIMIT $2)
          UNION ALL
          (SELECT 'jcbh', 'BHTB', jcbh, spatial_code, '变化图斑 ' || jcbh, year, geom_4490::box2d, 10
           FROM bhtb WHERE jcbh LIKE $1 || '%' ORDER BY year DESC, jcbh LIMIT $2)
          UNION ALL
          (SELECT 'spatial_code', 'DLTB', spatial_code, spatial_code, coalesce(dlmc, dlbm) || ' ' || spatial_code, year, geom_4490::box2d, 20
           FROM dltb WHERE spatial_code LIKE $1 || '%' ORDER BY year DESC, spatial_code LIMIT $2)
          UNION ALL
          (SELECT 'spatial_code', 'YJJBNT', spatial_code, spatial_code, '永久基本农田 ' || spatial_code, year, geom_4490::box2d, 21
           FROM yjjbnt WHERE spatial_code LIKE $1 || '%' ORDER BY year DESC, spatial_code LIMIT $2)
          UNION ALL
          (SELECT 'spatial_code', 'GBZNT', spatial_code, spatial_code, xmmc || ' ' || spatial_code, year, geom_4490::box2d, 22
           FROM gbznt WHERE spatial_code LIKE $1 || '%' ORDER BY year DESC, spatial_code LIMIT $2)
          UNION ALL
          (SELECT 'spatial_code', 'PZYD', spatial_code, spatial_code, pzwh || ' ' || spatial_code, year, geom_4490::box2d, 23
           FROM pzyd WHERE spatial_code LIKE $1 || '%' ORDER BY year DESC, spatial_code LIMIT $2)
          UNION ALL
          (SELECT 'spatial_code', 'BHTB', spatial_code, spatial_code, '变化图斑 ' || jcbh || ' ' || spatial_code, year, geom_4490::box2d, 24
           FROM bhtb WHERE spatial_code LIKE $1 || '%' ORDER BY year DESC, spatial_code LIMIT $2)
        ) hits ORDER BY rank, year DESC, code LIMIT $2
        """;

    /// <summary>Hits for <paramref name="query"/> (trimmed; empty gives none), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<SearchHit>> RunAsync(string query, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = query.Trim();
        if (q.Length == 0)
        {
            return [];
        }
        var escaped = q.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(Sql);
        command.Parameters.AddWithValue(escaped);
        command.Parameters.AddWithValue(limit);
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            hits.Add(new SearchHit(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), [reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8), reader.GetDouble(9)]));
        }
        return hits;
    }
}
