using System.Globalization;
using Gengbao.Geo.Codes;

namespace Gengbao.Patrol.Roster;

/// <summary>
/// Validates a whole roster sheet against the known grid cells and collects every problem (never stops at the
/// first), so a bureau fixes its file in one round. Rules: the admin code is a known cell; 网格层级, when given,
/// matches the cell's level; 角色 is 田管员 or 协管员 (协管员 only at 州/县/乡, seed 001 三(一)); name present; a
/// mainland mobile number (11 digits starting with 1) used on one row only; dates readable and end ≥ start; at most
/// one 田管员 per cell for any day.
/// </summary>
public static class RosterValidator
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];

    /// <summary>The valid entries, or the problems (entries are returned only when there is no problem at all).</summary>
    public static (IReadOnlyList<RosterEntry> Entries, IReadOnlyList<RosterProblem> Problems) Validate(
        RosterSheet sheet, IReadOnlyDictionary<string, AdminLevel> knownCells)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(knownCells);
        var problems = new List<RosterProblem>();
        void Problem(int row, string column, string message) => problems.Add(new RosterProblem(sheet.FileName, row, column, message));

        foreach (var missing in RosterColumns.Required.Where(c => !sheet.Headers.Contains(c)))
        {
            Problem(1, missing, "required column is missing");
        }
        if (problems.Count > 0)
        {
            return ([], problems);
        }
        if (sheet.Rows.Count == 0)
        {
            Problem(2, RosterColumns.AdminCode, "the roster has no rows");
        }

        var entries = new List<RosterEntry>();
        var phones = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var raw in sheet.Rows)
        {
            string Cell(string column) => raw.Cells.TryGetValue(column, out var v) ? (v ?? "").Trim() : "";
            var before = problems.Count;

            var code = Cell(RosterColumns.AdminCode);
            AdminLevel level = default;
            if (!AdminCode.IsWellFormed(code, out var codeProblem))
            {
                Problem(raw.Row, RosterColumns.AdminCode, codeProblem);
            }
            else if (!knownCells.TryGetValue(code, out level))
            {
                Problem(raw.Row, RosterColumns.AdminCode, $"unknown admin code '{code}': no such grid cell among the loaded admin units (of your region)");
            }
            else if (Cell(RosterColumns.Level) is { Length: > 0 } levelText)
            {
                if (ParseLevel(levelText) is not { } stated)
                {
                    Problem(raw.Row, RosterColumns.Level, $"'{levelText}' is not a grid level; use 州, 县, 乡, 村 or 社");
                }
                else if (stated != level)
                {
                    Problem(raw.Row, RosterColumns.Level, $"'{levelText}' does not match cell {code}, which is at level {LevelLabel(level)}");
                }
            }

            var roleText = Cell(RosterColumns.Role);
            RosterRole role = RosterRole.Manager;
            if (roleText is "田管员")
            {
                role = RosterRole.Manager;
            }
            else if (roleText is "协管员" or "助理田管员")
            {
                role = RosterRole.Assistant;
                if (knownCells.ContainsKey(code) && level is not (AdminLevel.Prefecture or AdminLevel.County or AdminLevel.Township))
                {
                    Problem(raw.Row, RosterColumns.Role, $"an assistant (协管员) is appointed only at 州, 县 or 乡 level, not at {LevelLabel(level)}");
                }
            }
            else
            {
                Problem(raw.Row, RosterColumns.Role, $"'{roleText}' is not a role; use 田管员 or 协管员");
            }

            var name = Cell(RosterColumns.Name);
            if (name.Length == 0)
            {
                Problem(raw.Row, RosterColumns.Name, "name is empty");
            }

            var phone = Cell(RosterColumns.Phone).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (phone.Length != 11 || phone[0] != '1' || !phone.All(char.IsAsciiDigit))
            {
                Problem(raw.Row, RosterColumns.Phone, $"'{Cell(RosterColumns.Phone)}' is not an 11-digit mobile number");
            }
            else if (phones.TryGetValue(phone, out var firstRow))
            {
                Problem(raw.Row, RosterColumns.Phone, $"duplicate phone {phone}, already on row {firstRow}");
            }
            else
            {
                phones[phone] = raw.Row;
            }

            var from = ParseDate(Cell(RosterColumns.TermStart));
            if (from is null)
            {
                Problem(raw.Row, RosterColumns.TermStart, $"'{Cell(RosterColumns.TermStart)}' is not a date (use yyyy-MM-dd)");
            }
            DateOnly? to = null;
            if (Cell(RosterColumns.TermEnd) is { Length: > 0 } endText)
            {
                to = ParseDate(endText);
                if (to is null)
                {
                    Problem(raw.Row, RosterColumns.TermEnd, $"'{endText}' is not a date (use yyyy-MM-dd)");
                }
                else if (from is not null && to < from)
                {
                    Problem(raw.Row, RosterColumns.TermEnd, $"term ends {to:yyyy-MM-dd}, before it starts {from:yyyy-MM-dd}");
                }
            }
            if (problems.Count == before)
            {
                entries.Add(new RosterEntry(raw.Row, code, level, role, name, phone, from!.Value, to));
            }
        }

        foreach (var cell in entries.Where(e => e.Role == RosterRole.Manager).GroupBy(e => e.CellCode, StringComparer.Ordinal))
        {
            var terms = cell.OrderBy(e => e.From).ToList();
            for (var i = 1; i < terms.Count; i++)
            {
                var previous = terms[i - 1];
                if (previous.To is null || previous.To >= terms[i].From)
                {
                    Problem(terms[i].Row, RosterColumns.Role,
                        $"two managers (田管员) for cell {cell.Key} at the same time: row {previous.Row} ({previous.Name}) and row {terms[i].Row} ({terms[i].Name})");
                }
            }
        }
        problems.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Column, b.Column));
        return problems.Count == 0 ? (entries, problems) : ([], problems);
    }

    /// <summary>州/县/乡/村/社 (with or without 级), or the level number 2–6.</summary>
    public static AdminLevel? ParseLevel(string text) => text.Trim().TrimEnd('级') switch
    {
        "州" or "市" or "2" => AdminLevel.Prefecture,
        "县" or "3" => AdminLevel.County,
        "乡" or "镇" or "4" => AdminLevel.Township,
        "村" or "5" => AdminLevel.Village,
        "社" or "组" or "6" => AdminLevel.Group,
        _ => null,
    };

    /// <summary>Chinese level name for messages and screens.</summary>
    public static string LevelLabel(AdminLevel level) => level switch
    {
        AdminLevel.Province => "省",
        AdminLevel.Prefecture => "州",
        AdminLevel.County => "县",
        AdminLevel.Township => "乡",
        AdminLevel.Village => "村",
        AdminLevel.Group => "社",
        _ => level.ToString(),
    };

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
