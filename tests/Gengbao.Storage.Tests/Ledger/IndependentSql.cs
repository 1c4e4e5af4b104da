using Npgsql;

namespace Gengbao.Storage.Tests.Ledger;

/// <summary>The ledger's figures recomputed by PostGIS with SQL that shares nothing with <c>LedgerQuery</c>.</summary>
internal static class IndependentSql
{
    /// <summary>Per village of the admin layer of the year: Σ TBMJ and count of cultivated DLTB, Σ TBMJ of YJJBNT, joined by substr(ZLDWDM, 1, 12).</summary>
    public static async Task<Dictionary<string, (decimal, long, decimal)>> VillageStocksAsync(NpgsqlDataSource dataSource, int year)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT a.code,
                   (SELECT coalesce(sum(d.tbmj), 0) FROM dltb d WHERE d.year = $1 AND d.dlbm IN ('0101', '0102', '0103') AND substr(d.zldwdm, 1, 12) = a.code),
                   (SELECT count(*) FROM dltb d WHERE d.year = $1 AND d.dlbm IN ('0101', '0102', '0103') AND substr(d.zldwdm, 1, 12) = a.code),
                   (SELECT coalesce(sum(p.tbmj), 0) FROM yjjbnt p WHERE p.year = $1 AND substr(p.zldwdm, 1, 12) = a.code)
            FROM admin_unit a WHERE a.level = 5 AND a.year = $1
            """);
        command.Parameters.AddWithValue(year);
        var rows = new Dictionary<string, (decimal, long, decimal)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = (reader.GetDecimal(1), reader.GetInt64(2), reader.GetDecimal(3));
        }
        return rows;
    }

    /// <summary>
    /// Cultivated land lost and gained in a county between two years by overlaying the stored DLTB in PostGIS:
    /// geodesic area of a ∩ b (cultivated before, not after; and the reverse), leaving out pieces under 0.05 m² of
    /// plane area (boundary slivers, the comparison's documented rule).
    /// </summary>
    public static async Task<(decimal Lost, decimal Gained)> CultivatedFlowsAsync(NpgsqlDataSource dataSource, string county, int before, int after)
    {
        await using var command = dataSource.CreateCommand("""
            WITH pieces AS (
                SELECT a.dlbm IN ('0101', '0102', '0103') AS was, b.dlbm IN ('0101', '0102', '0103') AS now, ST_Intersection(a.geom, b.geom) AS g
                FROM dltb a JOIN dltb b ON b.county_code = a.county_code AND b.year = $3 AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
                WHERE a.county_code = $1 AND a.year = $2
                  AND (a.dlbm IN ('0101', '0102', '0103')) <> (b.dlbm IN ('0101', '0102', '0103'))
            )
            SELECT coalesce(sum(ST_Area(ST_Transform(g, 4490)::geography)) FILTER (WHERE was), 0)::numeric(17, 2),
                   coalesce(sum(ST_Area(ST_Transform(g, 4490)::geography)) FILTER (WHERE now), 0)::numeric(17, 2)
            FROM pieces WHERE ST_Area(g) >= 0.05
            """);
        command.Parameters.AddWithValue(county);
        command.Parameters.AddWithValue(before);
        command.Parameters.AddWithValue(after);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDecimal(0), reader.GetDecimal(1));
    }
}
