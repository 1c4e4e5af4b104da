using Gengbao.Geo.Codes;
using Gengbao.Patrol.Roster;

namespace Gengbao.Patrol.Tests.Roster;

public class RosterValidatorTests
{
    private static readonly Dictionary<string, AdminLevel> Cells = new()
    {
        ["622921000000"] = AdminLevel.County,
        ["622921100000"] = AdminLevel.Township,
        ["622921100201"] = AdminLevel.Village,
        ["622921100201001"] = AdminLevel.Group,
    };

    private static RosterSheet Sheet(params string[][] rows) => new("roster.csv", RosterColumns.All,
        rows.Select((r, i) => new RosterRawRow(i + 2, RosterColumns.All.Zip(r).ToDictionary(p => p.First, p => (string?)p.Second))).ToList());

    private static string[] Row(string code, string role, string name, string phone, string from = "2024-01-01", string to = "", string level = "") =>
        [code, "某地", level, role, name, phone, from, to];

    [Fact]
    public void A_good_roster_gives_one_entry_per_row()
    {
        var (entries, problems) = RosterValidator.Validate(Sheet(
            Row("622921000000", "田管员", "县长甲", "13800000001", level: "县级"),
            Row("622921000000", "协管员", "副县长乙", "13800000002"),
            Row("622921100201001", "田管员", "社长丙", "138 0000 0003", "2024/3/1", "2026-12-31")), Cells);
        Assert.Empty(problems);
        Assert.Equal(3, entries.Count);
        Assert.Equal(new RosterEntry(4, "622921100201001", AdminLevel.Group, RosterRole.Manager, "社长丙", "13800000003",
            new DateOnly(2024, 3, 1), new DateOnly(2026, 12, 31)), entries[2]);
    }

    [Fact]
    public void Every_problem_is_reported_with_row_and_column_and_nothing_is_returned()
    {
        var (entries, problems) = RosterValidator.Validate(Sheet(
            Row("622921999999", "田管员", "甲", "13800000001"),
            Row("622921100201", "田管员", "乙", "13800000002"),
            Row("622921100201", "田管员", "丙", "13800000003", "2025-01-01"),
            Row("622921100201001", "协管员", "丁", "13800000001"),
            Row("622921100201001", "社长", "", "12345", "2024-13-01", "", "村")), Cells);
        Assert.Empty(entries);
        Assert.Equal(
        [
            "roster.csv: row 2, column 行政区代码: unknown admin code '622921999999': no such grid cell among the loaded admin units (of your region)",
            "roster.csv: row 4, column 角色: two managers (田管员) for cell 622921100201 at the same time: row 3 (乙) and row 4 (丙)",
            "roster.csv: row 5, column 手机号: duplicate phone 13800000001, already on row 2",
            "roster.csv: row 5, column 角色: an assistant (协管员) is appointed only at 州, 县 or 乡 level, not at 社",
            "roster.csv: row 6, column 任期开始: '2024-13-01' is not a date (use yyyy-MM-dd)",
            "roster.csv: row 6, column 姓名: name is empty",
            "roster.csv: row 6, column 手机号: '12345' is not an 11-digit mobile number",
            "roster.csv: row 6, column 网格层级: '村' does not match cell 622921100201001, which is at level 社",
            "roster.csv: row 6, column 角色: '社长' is not a role; use 田管员 or 协管员",
        ], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Successive_managers_of_one_cell_are_fine()
    {
        var (entries, problems) = RosterValidator.Validate(Sheet(
            Row("622921100201", "田管员", "甲", "13800000001", "2024-01-01", "2024-06-30"),
            Row("622921100201", "田管员", "乙", "13800000002", "2024-07-01")), Cells);
        Assert.Empty(problems);
        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public void A_missing_required_column_is_reported_on_the_header_row()
    {
        var sheet = new RosterSheet("r.xlsx", ["行政区代码", "姓名"], []);
        var (_, problems) = RosterValidator.Validate(sheet, Cells);
        Assert.Equal(["角色", "手机号", "任期开始"], problems.Select(p => p.Column));
        Assert.All(problems, p => Assert.Equal(1, p.Row));
    }
}
