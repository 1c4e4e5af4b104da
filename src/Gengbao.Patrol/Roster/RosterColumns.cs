namespace Gengbao.Patrol.Roster;

/// <summary>The bureau roster layout (田管员花名册), docs/patrol.md §Roster. Header names are matched after trimming.</summary>
public static class RosterColumns
{
    public const string AdminCode = "行政区代码";
    public const string AdminName = "行政区名称";
    public const string Level = "网格层级";
    public const string Role = "角色";
    public const string Name = "姓名";
    public const string Phone = "手机号";
    public const string TermStart = "任期开始";
    public const string TermEnd = "任期结束";

    /// <summary>Columns that must be present (行政区名称, 网格层级 and 任期结束 are optional).</summary>
    public static IReadOnlyList<string> Required { get; } = [AdminCode, Role, Name, Phone, TermStart];

    /// <summary>All columns in their usual order, for templates and exports.</summary>
    public static IReadOnlyList<string> All { get; } = [AdminCode, AdminName, Level, Role, Name, Phone, TermStart, TermEnd];
}
