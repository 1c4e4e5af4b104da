namespace Gengbao.Storage.Ledger;

/// <summary>The ledger's SQL: grouped sums over the per-village stocks and the transfer matrix. $1 county LIKE pattern, $2 unit-code LIKE pattern, $3 group length.</summary>
public sealed partial class LedgerQuery
{
    private const string YearsSql = """
        SELECT county_code, array_agg(year ORDER BY year) FROM layer_version
        WHERE layer = 'DLTB' AND status = 'current' AND county_code LIKE $1 GROUP BY county_code
        """;

    // The per-village stocks written on import (migration 0019, LedgerStocks): a few rows per village, never the
    // patches. Stable farmland: slope grade GDPDJB not 5 (docs/ledger.md §1).
    private const string CultivatedSql = """
        SELECT year, left(village_code, $3), sum(paddy_m2), sum(irrigated_m2), sum(dry_m2), sum(patches)::bigint, sum(stable_m2)
        FROM ledger_cultivated_village
        WHERE county_code LIKE $1 AND village_code LIKE $2 AND year = ANY($4)
        GROUP BY 1, 2
        """;

    private const string PbfSql = """
        SELECT year, left(village_code, $3), sum(pbf_m2) FROM ledger_pbf_village
        WHERE county_code LIKE $1 AND village_code LIKE $2 AND year = ANY($4) GROUP BY 1, 2
        """;

    // High-standard farmland projects carry no ZLDWDM: a county (or larger) unit sums their areas; a township or
    // village gets each project's area times the share of its geometry inside the unit (admin layer in force).
    private const string HighStandardByCountySql = """
        SELECT year, left(county_code, $3), sum(area_m2) FROM gbznt
        WHERE county_code LIKE $1 AND county_code LIKE $2 AND year = ANY($4) GROUP BY 1, 2
        """;

    private const string HighStandardByShareSql = """
        SELECT g.year, left(a.code, $3),
               round(sum(g.area_m2 * (ST_Area(ST_Intersection(g.geom, a.geom)) / nullif(ST_Area(g.geom), 0))::numeric), 2)
        FROM gbznt g
        CROSS JOIN LATERAL (SELECT coalesce(max(year) FILTER (WHERE year <= g.year), min(year)) AS y FROM admin_unit WHERE county_code = g.county_code) ay
        JOIN admin_unit a ON a.county_code = g.county_code AND a.year = ay.y AND a.level = $5 AND a.code LIKE $2 AND ST_Intersects(a.geom, g.geom)
        WHERE g.county_code LIKE $1 AND g.year = ANY($4)
        GROUP BY 1, 2
        """;

    private const string DoneComparisonsSql = """
        SELECT DISTINCT county_code FROM comparison_run
        WHERE county_code LIKE $1 AND before_year = $4 AND after_year = $5 AND status = 'done'
        """;

    // Rows that touch cultivated land: flows, and cultivated → cultivated for the matrix side of the identity.
    private const string TransferSql = """
        SELECT left(village_code, $3), from_dlbm, to_dlbm, sum(area_m2) FROM land_transfer
        WHERE county_code LIKE $1 AND village_code LIKE $2 AND before_year = $4 AND after_year = $5
          AND (from_dlbm IN ('0101', '0102', '0103') OR to_dlbm IN ('0101', '0102', '0103'))
        GROUP BY 1, 2, 3
        """;

    private const string SupplementarySql = """
        SELECT left(unit_code, $3), sum(added_cultivated_m2) FROM supplementary_project
        WHERE county_code LIKE $1 AND unit_code LIKE $2 AND year = $4 GROUP BY 1
        """;

    // Names of the unit and its children in the admin layer in force for the year.
    private const string UnitsSql = """
        WITH ay AS (
            SELECT county_code, coalesce(max(year) FILTER (WHERE year <= $4), min(year)) AS y FROM admin_unit WHERE county_code LIKE $1 GROUP BY 1
        )
        SELECT DISTINCT ON (a.code) a.code, a.name, a.level FROM admin_unit a JOIN ay ON a.county_code = ay.county_code AND a.year = ay.y
        WHERE a.code LIKE $2 AND a.level <= 5 AND (a.level = $5 OR a.code = $6)
        ORDER BY a.code
        """;
}
