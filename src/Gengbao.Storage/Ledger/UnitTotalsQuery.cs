using Gengbao.Geo.Codes;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Ledger;

/// <summary>
/// Per-unit totals of cultivated land and PBF from the stored layers, by the location-code prefix of ZLDWDM
/// (docs/domain.md §3.2: village = left 12, township = left 9, county = left 6), summed from the per-village stocks
/// written on import (migration 0019). Sums run over numeric TBMJ so they are exact and independent of row order,
/// the same definition as shared/data/anchor_postgis_ledger.sql.
/// The units listed are those of the admin layer in force for the year: the latest one not after it. Over
/// <see cref="ScopedConnections"/> only the caller's region is summed (row-level security).
/// </summary>
public sealed class UnitTotalsQuery(IConnectionSource connections)
{
    /// <summary>As the owner, unscoped: for the CLI and jobs.</summary>
    public UnitTotalsQuery(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    private const string Sql = """
        WITH admin_year AS (
            SELECT county_code, coalesce(max(year) FILTER (WHERE year <= $2), min(year)) AS year
            FROM admin_unit WHERE $3::text IS NULL OR county_code = $3 GROUP BY county_code
        ), units AS (
            SELECT a.code, a.name, left(a.code, $4) AS prefix
            FROM admin_unit a JOIN admin_year y USING (county_code, year)
            WHERE a.level = $1
        ), cultivated AS (
            SELECT left(village_code, $4) AS prefix, sum(paddy_m2 + irrigated_m2 + dry_m2) AS mj, sum(patches)::bigint AS n FROM ledger_cultivated_village
            WHERE year = $2 AND ($3::text IS NULL OR county_code = $3)
            GROUP BY 1
        ), pbf AS (
            SELECT left(village_code, $4) AS prefix, sum(pbf_m2) AS mj, sum(parcels)::bigint AS n FROM ledger_pbf_village
            WHERE year = $2 AND ($3::text IS NULL OR county_code = $3)
            GROUP BY 1
        )
        SELECT u.code, u.name, coalesce(c.mj, 0), coalesce(c.n, 0), coalesce(p.mj, 0), coalesce(p.n, 0)
        FROM units u LEFT JOIN cultivated c USING (prefix) LEFT JOIN pbf p USING (prefix)
        ORDER BY u.code
        """;

    public async Task<IReadOnlyList<UnitTotalsRow>> RunAsync(AdminLevel level, int year, string? countyCode, CancellationToken cancellationToken = default)
    {
        var prefix = level switch
        {
            AdminLevel.Village => 12,
            AdminLevel.Township => 9,
            AdminLevel.County => 6,
            AdminLevel.Prefecture => 4,
            _ => throw new ArgumentException($"totals are given per prefecture, county, township or village, not per {level}", nameof(level)),
        };
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue((short)level);
        command.Parameters.AddWithValue(year);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)countyCode ?? DBNull.Value);
        command.Parameters.AddWithValue(prefix);
        var rows = new List<UnitTotalsRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new UnitTotalsRow(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetInt64(3), reader.GetDecimal(4), reader.GetInt64(5)));
        }
        return rows;
    }
}
