using Gengbao.Storage.Database;
using Npgsql;

namespace Gengbao.Storage.Ledger;

/// <summary>
/// The per-village stocks the ledger sums (migration 0019: <c>ledger_cultivated_village</c>, <c>ledger_pbf_village</c>),
/// rewritten for the counties and year of a DLTB or YJJBNT import inside the importer's transaction, after the new rows
/// are in the layer's table. The same grouped sums the ledger used to compute per request (docs/ledger.md §1).
/// </summary>
internal static class LedgerStocks
{
    private const string CultivatedSql = """
        INSERT INTO ledger_cultivated_village (county_code, year, village_code, paddy_m2, irrigated_m2, dry_m2, patches, stable_m2)
        SELECT county_code, year, left(zldwdm, 12),
               coalesce(sum(tbmj) FILTER (WHERE dlbm = '0101'), 0), coalesce(sum(tbmj) FILTER (WHERE dlbm = '0102'), 0),
               coalesce(sum(tbmj) FILTER (WHERE dlbm = '0103'), 0), count(*),
               coalesce(sum(tbmj) FILTER (WHERE coalesce(ltrim(gdpdjb, '0 '), '') <> '5'), 0)
        FROM dltb WHERE year = $1 AND county_code = ANY($2) AND dlbm IN ('0101', '0102', '0103')
        GROUP BY 1, 2, 3
        """;

    private const string PbfSql = """
        INSERT INTO ledger_pbf_village (county_code, year, village_code, pbf_m2, parcels)
        SELECT county_code, year, left(zldwdm, 12), sum(tbmj), count(*)
        FROM yjjbnt WHERE year = $1 AND county_code = ANY($2)
        GROUP BY 1, 2, 3
        """;

    /// <summary>Rewrites the stocks of <paramref name="table"/> (dltb or yjjbnt; other layers: nothing) for the counties and year.</summary>
    public static async Task RefreshAsync(NpgsqlConnection connection, string table, int year, string[] counties, CancellationToken cancellationToken)
    {
        var (stocks, sql) = table switch
        {
            "dltb" => ("ledger_cultivated_village", CultivatedSql),
            "yjjbnt" => ("ledger_pbf_village", PbfSql),
            _ => (null, null),
        };
        if (stocks is null || sql is null || counties.Length == 0)
        {
            return;
        }
        await connection.ExecuteAsync($"DELETE FROM {stocks} WHERE year = $1 AND county_code = ANY($2)", cancellationToken, year, counties).ConfigureAwait(false);
        await connection.ExecuteAsync(sql, cancellationToken, year, counties).ConfigureAwait(false);
    }
}
