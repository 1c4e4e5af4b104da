using Gengbao.Geo.Codes;
using Gengbao.Ledger.Accounts;
using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Ledger;

/// <summary>
/// The farmland ledger (一本账) of a unit and its child units for one survey year (docs/ledger.md). Stocks are sums of
/// the stored official areas by ZLDWDM prefix, one grouped pass per layer; flows come from the transfer matrix of
/// the county's comparison run (previous stored year → year). Over <see cref="ScopedConnections"/> only the caller's
/// region is read.
/// </summary>
public sealed partial class LedgerQuery(IConnectionSource connections)
{
    /// <summary>As the owner, unscoped: for the CLI and jobs.</summary>
    public LedgerQuery(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    /// <summary>
    /// The ledger of <paramref name="unitCode"/> (6, 9 or 12 digits, or a 12-digit code of a prefecture/county/township
    /// ending in zeros) and, with <paramref name="withChildren"/>, of each child unit one level down (prefecture → counties,
    /// county → townships, township → villages) in code order.
    /// </summary>
    /// <exception cref="ArgumentException">Malformed code, a group code, or no DLTB stored for the year under the unit.</exception>
    public async Task<LedgerResult> RunAsync(string unitCode, int year, bool withChildren, CancellationToken cancellationToken = default)
    {
        var code = Normalise(unitCode);
        var level = AdminCode.LevelOf(code);
        var prefixLength = PrefixLength(level);
        var prefix = code[..prefixLength];
        var childLevel = level == AdminLevel.Village || !withChildren ? level : level + 1;
        var groupLength = PrefixLength(childLevel);
        var countyLike = (prefix.Length >= 6 ? prefix[..6] : prefix) + "%";
        var codeLike = prefix + "%";

        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var years = new Dictionary<string, int[]>(StringComparer.Ordinal);
        await using (var command = Command(connection, YearsSql, countyLike))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                years[reader.GetString(0)] = reader.GetFieldValue<int[]>(1);
            }
        }
        var counties = years.Where(y => y.Value.Contains(year)).Select(y => y.Key).Order(StringComparer.Ordinal).ToList();
        if (counties.Count == 0)
        {
            throw new ArgumentException($"no land-use patches (DLTB) of {year} are stored for unit {code}");
        }
        var before = years.Where(y => counties.Contains(y.Key)).SelectMany(y => y.Value).Where(y => y < year).Cast<int?>().Max();
        int[] stockYears = before is { } b ? [b, year] : [year];

        var groups = new Dictionary<string, GroupData>(StringComparer.Ordinal);
        GroupData Group(string g) => groups.TryGetValue(g, out var d) ? d : groups[g] = new GroupData();

        await using (var command = Command(connection, CultivatedSql, countyLike, codeLike, groupLength, stockYears))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var d = Group(reader.GetString(1));
                d.Stock(reader.GetInt32(0)).Set(reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetInt64(5), reader.GetDecimal(6));
            }
        }
        await using (var command = Command(connection, PbfSql, countyLike, codeLike, groupLength, stockYears))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Group(reader.GetString(1)).Stock(reader.GetInt32(0)).Pbf += reader.GetDecimal(2);
            }
        }
        var hsf = groupLength <= 6
            ? Command(connection, HighStandardByCountySql, countyLike, codeLike, groupLength, stockYears)
            : Command(connection, HighStandardByShareSql, countyLike, codeLike, groupLength, stockYears, (short)childLevel);
        await using (hsf)
        await using (var reader = await hsf.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Group(reader.GetString(1)).Stock(reader.GetInt32(0)).HighStandard += reader.IsDBNull(2) ? 0 : reader.GetDecimal(2);
            }
        }

        var missing = new List<string>();
        var compared = new HashSet<string>(StringComparer.Ordinal);
        if (before is { } beforeYear)
        {
            await using (var command = Command(connection, DoneComparisonsSql, countyLike, null, null, beforeYear, year))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    compared.Add(reader.GetString(0));
                }
            }
            foreach (var county in counties.Where(c => !compared.Contains(c)))
            {
                missing.Add($"县 {county} 的 {beforeYear}→{year} 年度对比(转移矩阵)尚未完成,流入、流出缺失");
            }
            await using (var command = Command(connection, TransferSql, countyLike, codeLike, groupLength, beforeYear, year))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    Group(reader.GetString(0)).Transfers.Add(new LandTransfer(reader.GetString(1), reader.GetString(2), reader.GetDecimal(3)));
                }
            }
        }
        else
        {
            missing.Add($"{year} 年之前没有存储的土地利用现状数据,无上年总账与流量");
        }
        await using (var command = Command(connection, SupplementarySql, countyLike, codeLike, groupLength, year))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Group(reader.GetString(0)).Supplementary += reader.GetDecimal(1);
            }
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command(connection, UnitsSql, countyLike, codeLike, null, year, (short)childLevel, code))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                names[reader.GetString(0)] = reader.GetString(1);
            }
        }

        UnitLedger Build(string unit, string name, IEnumerable<GroupData> data, IEnumerable<string> unitCounties)
        {
            var merged = GroupData.Merge(data);
            var lacking = before is null ? missing : [.. missing.Where(m => unitCounties.Any(c => m.Contains(c, StringComparison.Ordinal)))];
            var flows = before is not null && lacking.Count == 0 ? merged.Transfers : null;
            return LedgerBuilder.Build(unit, name, year, merged.Stock(year).ToAccount(), before,
                before is { } y ? merged.Stock(y).ToAccount() : null, flows, merged.Supplementary, lacking);
        }

        var unitLedger = Build(code, names.GetValueOrDefault(code, code), groups.Values, counties);
        var children = new List<UnitLedger>();
        if (childLevel != level)
        {
            var childCodes = names.Keys.Where(c => c != code && AdminCode.LevelOf(c) == childLevel)
                .Select(c => c[..groupLength]).Concat(groups.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var g in childCodes)
            {
                var child = g.PadRight(12, '0');
                IEnumerable<string> childCounties = g.Length >= 6 ? [g[..6]] : counties.Where(c => c.StartsWith(g, StringComparison.Ordinal));
                children.Add(Build(child, names.GetValueOrDefault(child, child), groups.TryGetValue(g, out var d) ? [d] : [], childCounties));
            }
        }
        return new LedgerResult(unitLedger, children);
    }

    /// <summary>6, 9 or 12 digits to the 12-digit XZQDM; a 15/19-digit code is refused (groups have no ledger).</summary>
    public static string Normalise(string unitCode)
    {
        var code = unitCode.Trim();
        if (code.Length is 2 or 4 or 6 or 9)
        {
            code = code.PadRight(12, '0');
        }
        if (!AdminCode.IsWellFormed(code, out var problem) || code.Length != 12)
        {
            throw new ArgumentException($"unit '{unitCode}': {problem ?? "a ledger is kept per province, prefecture, county, township or village (12-digit XZQDM)"}");
        }
        return code;
    }

    /// <summary>Length of the ZLDWDM prefix that identifies a unit of the level (domain.md §3.2).</summary>
    public static int PrefixLength(AdminLevel level) => level switch
    {
        AdminLevel.Province => 2,
        AdminLevel.Prefecture => 4,
        AdminLevel.County => 6,
        AdminLevel.Township => 9,
        AdminLevel.Village => 12,
        _ => throw new ArgumentException($"a ledger is kept per province, prefecture, county, township or village, not per {level}"),
    };

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        var command = connection.Command(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(p is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = p });
        }
        return command;
    }

    private sealed class GroupData
    {
        private readonly Dictionary<int, StockSums> _stocks = [];

        public List<LandTransfer> Transfers { get; } = [];

        public decimal Supplementary { get; set; }

        public StockSums Stock(int year) => _stocks.TryGetValue(year, out var s) ? s : _stocks[year] = new StockSums();

        public static GroupData Merge(IEnumerable<GroupData> groups)
        {
            var merged = new GroupData();
            foreach (var g in groups)
            {
                foreach (var (year, s) in g._stocks)
                {
                    merged.Stock(year).Add(s);
                }
                merged.Transfers.AddRange(g.Transfers);
                merged.Supplementary += g.Supplementary;
            }
            return merged;
        }
    }

    private sealed class StockSums
    {
        public decimal Paddy, Irrigated, Dry, Stable, Pbf, HighStandard;
        public long Count;

        public void Set(decimal paddy, decimal irrigated, decimal dry, long count, decimal stable) =>
            (Paddy, Irrigated, Dry, Count, Stable) = (Paddy + paddy, Irrigated + irrigated, Dry + dry, Count + count, Stable + stable);

        public void Add(StockSums s)
        {
            Set(s.Paddy, s.Irrigated, s.Dry, s.Count, s.Stable);
            Pbf += s.Pbf;
            HighStandard += s.HighStandard;
        }

        public StockAccount ToAccount() => new(Paddy, Irrigated, Dry, Count, Pbf, HighStandard, Stable);
    }
}

/// <summary>A unit's ledger and its children's.</summary>
public sealed record LedgerResult(UnitLedger Unit, IReadOnlyList<UnitLedger> Children);
