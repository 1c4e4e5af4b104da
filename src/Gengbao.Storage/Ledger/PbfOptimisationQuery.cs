using Gengbao.Geo.Codes;
using Gengbao.Ledger.Optimisation;
using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Ledger;

/// <summary>The PBF optimisation of a unit for one survey year, computed over its whole county (docs/ledger.md §7).</summary>
/// <param name="UnitCode">The unit asked for (12 digits); withdrawal and add candidates are those of this unit.</param>
/// <param name="CountyCode">The county (6 digits) whose PBF forms the blocks.</param>
/// <param name="Year">Survey year.</param>
/// <param name="Result">Candidates of the unit; contiguity statistics of the county's PBF.</param>
public sealed record PbfOptimisationRun(string UnitCode, string CountyCode, int Year, PbfOptimisation Result);

/// <summary>
/// Reads the layers <see cref="PbfOptimisationOp"/> needs for one county and year: every YJJBNT parcel (official
/// area TBMJ, stored Gauss–Krüger and EPSG:4490 shapes), cultivated DLTB of slope grade 5, cultivated DLTB meeting a
/// GBZNT project, and the GBZNT projects. Over <see cref="ScopedConnections"/> the caller sees only parcels of their
/// region, so blocks are formed over what they may see.
/// </summary>
public sealed class PbfOptimisationQuery(IConnectionSource connections)
{
    private const string ParcelsSql = """
        SELECT fid, bsm, zldwdm, tbmj, geom, geom_4490 FROM yjjbnt WHERE county_code = $1 AND year = $2 ORDER BY fid
        """;

    // GDPDJB is Char(2): '5' and '05' both mean grade 5 (> 25°, domain.md §1.5).
    private const string SteepSql = """
        SELECT geom_4490 FROM dltb
        WHERE county_code = $1 AND year = $2 AND dlbm IN ('0101', '0102', '0103') AND ltrim(gdpdjb, '0 ') = '5'
        """;

    // Boxes only: GEOS refuses ST_Intersects on a self-intersecting geographic copy; the exact test is in C# on repaired shapes.
    private const string CultivatedNearHighStandardSql = """
        SELECT d.geom_4490 FROM dltb d
        WHERE d.county_code = $1 AND d.year = $2 AND d.dlbm IN ('0101', '0102', '0103')
          AND EXISTS (SELECT 1 FROM gbznt g WHERE g.county_code = $1 AND g.year = $2 AND g.geom_4490 && d.geom_4490)
        """;

    private const string HighStandardSql = """
        SELECT fid, xmbh, xmmc, geom_4490 FROM gbznt WHERE county_code = $1 AND year = $2 ORDER BY fid
        """;

    private const string HasSurveySql = "SELECT EXISTS (SELECT 1 FROM dltb WHERE county_code = $1 AND year = $2)";

    /// <summary>As the owner, unscoped: for the CLI.</summary>
    public PbfOptimisationQuery(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    /// <summary>
    /// Runs the optimisation for the county of <paramref name="unitCode"/> (county, township or village; 6, 9 or 12
    /// digits) and <paramref name="year"/>, with the given polluted/fragile layers (EPSG:4490).
    /// </summary>
    /// <exception cref="ArgumentException">Malformed code, a unit above the county, or no DLTB of the year in the county.</exception>
    public async Task<PbfOptimisationRun> RunAsync(string unitCode, int year, PbfOptimisationOptions options,
        IReadOnlyList<ExclusionLayer> exclusions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var code = LedgerQuery.Normalise(unitCode);
        var level = AdminCode.LevelOf(code);
        if (level < AdminLevel.County)
        {
            throw new ArgumentException($"unit '{unitCode}': PBF optimisation runs per county; give a county, township or village code");
        }
        var county = code[..6];
        var prefix = code[..LedgerQuery.PrefixLength(level)];

        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = Command(connection, HasSurveySql, county, year))
        {
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                throw new ArgumentException($"no land-use patches (DLTB) of {year} are stored for county {county}");
            }
        }
        var parcels = new List<PbfParcel>();
        await using (var command = Command(connection, ParcelsSql, county, year))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                parcels.Add(new PbfParcel(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                    reader.GetDecimal(3), reader.GetFieldValue<Geometry>(4), reader.GetFieldValue<Geometry>(5)));
            }
        }
        var steep = await GeometriesAsync(connection, SteepSql, county, year, cancellationToken).ConfigureAwait(false);
        var cultivated = await GeometriesAsync(connection, CultivatedNearHighStandardSql, county, year, cancellationToken).ConfigureAwait(false);
        var projects = new List<HighStandardProject>();
        await using (var command = Command(connection, HighStandardSql, county, year))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                projects.Add(new HighStandardProject(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetString(2), reader.GetFieldValue<Geometry>(3)));
            }
        }
        await connection.CloseAsync().ConfigureAwait(false);

        var result = PbfOptimisationOp.Run(new PbfOptimisationInput(parcels, steep, cultivated, projects, exclusions), options);
        if (prefix.Length > 6)
        {
            // A township or village: its own parcels among the county's candidates. Projects carry no location
            // code, so the add candidates stay the county's.
            result = result with { Withdraw = [.. result.Withdraw.Where(w => w.VillageCode.StartsWith(prefix, StringComparison.Ordinal))] };
        }
        return new PbfOptimisationRun(code, county, year, result);
    }

    private static async Task<List<Geometry>> GeometriesAsync(NpgsqlConnection connection, string sql, string county, int year, CancellationToken ct)
    {
        var list = new List<Geometry>();
        await using var command = Command(connection, sql, county, year);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(reader.GetFieldValue<Geometry>(0));
        }
        return list;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        var command = connection.Command(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }
        return command;
    }
}
