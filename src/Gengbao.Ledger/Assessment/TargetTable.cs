using System.Globalization;
using Gengbao.Ledger.Accounts;

namespace Gengbao.Ledger.Assessment;

/// <summary>
/// Reads a targets table (rows of text from CSV or a sheet; the first row is the header), all or nothing.
/// Columns (case-insensitive, Chinese names accepted): <c>unit_code</c>/<c>单位代码</c> (2, 4, 6, 9 or 12 digits),
/// <c>year</c>/<c>年度</c>, and per target one of <c>cultivated_target_m2|_mu|_wanmu</c> (耕地保有量(平方米|亩|万亩)) and
/// <c>pbf_target_m2|_mu|_wanmu</c> (永久基本农田(平方米|亩|万亩)); the column name gives the unit. An empty cell leaves that target unset.
/// </summary>
public static class TargetTable
{
    private enum Unit { M2, Mu, WanMu }

    /// <summary>The targets, or <see cref="TargetTableException"/> listing every problem as "source[, sheet], row N, field F: problem".</summary>
    public static IReadOnlyList<ProtectionTarget> Parse(string source, string? sheet, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var where = sheet is null ? source : $"{source}, sheet {sheet}";
        if (rows.Count == 0)
        {
            throw new TargetTableException([$"{where}: empty, a header row is needed"]);
        }
        var header = rows[0].Select(h => (h ?? "").Trim()).ToList();
        var errors = new List<string>();
        int Find(params string[] names) => header.FindIndex(h => names.Any(n => string.Equals(h, n, StringComparison.OrdinalIgnoreCase)));
        var code = Find("unit_code", "单位代码");
        var year = Find("year", "年度");
        var cultivated = Columns("cultivated_target", "耕地保有量");
        var pbf = Columns("pbf_target", "永久基本农田");
        if (code < 0) errors.Add($"{where}, row 1: no column unit_code (单位代码)");
        if (year < 0) errors.Add($"{where}, row 1: no column year (年度)");
        if (cultivated is null && pbf is null) errors.Add($"{where}, row 1: no target column (cultivated_target_m2|_mu|_wanmu or pbf_target_m2|_mu|_wanmu)");
        if (errors.Count > 0)
        {
            throw new TargetTableException(errors);
        }
        var targets = new List<ProtectionTarget>();
        var seen = new HashSet<(string, int)>();
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            string Cell(int i) => i < row.Count ? (row[i] ?? "").Trim() : "";
            if (row.All(c => string.IsNullOrWhiteSpace(c)))
            {
                continue;
            }
            var at = $"{where}, row {r + 1}";
            var unit = Cell(code);
            if (unit.Length is 2 or 4 or 6 or 9)
            {
                unit = unit.PadRight(12, '0');
            }
            if (unit.Length != 12 || !unit.All(char.IsAsciiDigit))
            {
                errors.Add($"{at}, field {header[code]}: '{Cell(code)}' is not a 2, 4, 6, 9 or 12-digit unit code");
            }
            if (!int.TryParse(Cell(year), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1990 or > 2100)
            {
                errors.Add($"{at}, field {header[year]}: '{Cell(year)}' is not a year");
            }
            var c = Area(cultivated, at);
            var p = Area(pbf, at);
            if (!seen.Add((unit, y)))
            {
                errors.Add($"{at}: unit {unit} and year {y} appear twice");
            }
            targets.Add(new ProtectionTarget(unit, y, c, p));

            decimal? Area((int Index, Unit Unit)? column, string place)
            {
                if (column is not { } col || Cell(col.Index).Length == 0)
                {
                    return null;
                }
                if (!decimal.TryParse(Cell(col.Index), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) || v < 0)
                {
                    errors.Add($"{place}, field {header[col.Index]}: '{Cell(col.Index)}' is not a non-negative number");
                    return null;
                }
                return col.Unit switch { Unit.Mu => AreaUnits.FromMu(v), Unit.WanMu => AreaUnits.FromWanMu(v), _ => AreaUnits.SquareMetres(v) };
            }
        }
        if (errors.Count > 0)
        {
            throw new TargetTableException(errors);
        }
        if (targets.Count == 0)
        {
            throw new TargetTableException([$"{where}: no target rows"]);
        }
        return targets;

        (int, Unit)? Columns(string english, string chinese)
        {
            (string Suffix, string Zh, Unit Unit)[] units = [("_m2", "(平方米)", Unit.M2), ("_mu", "(亩)", Unit.Mu), ("_wanmu", "(万亩)", Unit.WanMu)];
            foreach (var (suffix, zh, unit) in units)
            {
                var i = Find(english + suffix, chinese + zh);
                if (i >= 0)
                {
                    return (i, unit);
                }
            }
            return null;
        }
    }
}

/// <summary>A targets table with problems; nothing of it is stored.</summary>
public sealed class TargetTableException(IReadOnlyList<string> problems)
    : Exception($"{problems.Count} problem(s), nothing imported:\n" + string.Join("\n", problems))
{
    /// <summary>Each problem, naming file, sheet, row and field.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
