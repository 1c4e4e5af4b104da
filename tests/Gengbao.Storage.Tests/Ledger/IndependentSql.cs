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
    /// Rows where the per-village stocks written on import (ledger_cultivated_village, ledger_pbf_village) differ from
    /// the raw patches regrouped here, in both directions: a stock row without patches, patches without a stock row,
    /// or any sum or count unequal. Empty when they agree. Each row: "table county year village: stored | raw".
    /// </summary>
    public static async Task<List<string>> StockMismatchesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            WITH raw_c AS (
                SELECT county_code, year, substr(zldwdm, 1, 12) AS v,
                       sum(CASE WHEN dlbm = '0101' THEN tbmj ELSE 0 END) AS p, sum(CASE WHEN dlbm = '0102' THEN tbmj ELSE 0 END) AS i,
                       sum(CASE WHEN dlbm = '0103' THEN tbmj ELSE 0 END) AS d, count(*) AS n,
                       sum(CASE WHEN trim(leading '0 ' FROM coalesce(gdpdjb, '')) = '5' THEN 0 ELSE tbmj END) AS s
                FROM dltb WHERE dlbm IN ('0101', '0102', '0103') GROUP BY 1, 2, 3
            ), raw_p AS (
                SELECT county_code, year, substr(zldwdm, 1, 12) AS v, sum(tbmj) AS a, count(*) AS n FROM yjjbnt GROUP BY 1, 2, 3
            )
            SELECT 'cultivated ' || coalesce(r.county_code, c.county_code) || ' ' || coalesce(r.year, c.year) || ' ' || coalesce(r.v, c.village_code)
                   || ': ' || coalesce(row(c.paddy_m2, c.irrigated_m2, c.dry_m2, c.patches, c.stable_m2)::text, 'none')
                   || ' | ' || coalesce(row(r.p, r.i, r.d, r.n, r.s)::text, 'none')
            FROM raw_c r FULL JOIN ledger_cultivated_village c ON c.county_code = r.county_code AND c.year = r.year AND c.village_code = r.v
            WHERE r.v IS NULL OR c.village_code IS NULL
               OR (c.paddy_m2, c.irrigated_m2, c.dry_m2, c.patches, c.stable_m2) IS DISTINCT FROM (r.p, r.i, r.d, r.n, r.s)
            UNION ALL
            SELECT 'pbf ' || coalesce(r.county_code, p.county_code) || ' ' || coalesce(r.year, p.year) || ' ' || coalesce(r.v, p.village_code)
                   || ': ' || coalesce(row(p.pbf_m2, p.parcels)::text, 'none') || ' | ' || coalesce(row(r.a, r.n)::text, 'none')
            FROM raw_p r FULL JOIN ledger_pbf_village p ON p.county_code = r.county_code AND p.year = r.year AND p.village_code = r.v
            WHERE r.v IS NULL OR p.village_code IS NULL OR (p.pbf_m2, p.parcels) IS DISTINCT FROM (r.a, r.n)
            """);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    /// <summary>Number of rows of a table (the stock tables must not be empty for a check to mean anything).</summary>
    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
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
