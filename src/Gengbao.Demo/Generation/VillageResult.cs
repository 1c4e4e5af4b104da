using NetTopologySuite.Geometries;

namespace Gengbao.Demo.Generation;

/// <summary>A land-use patch of one year: geometry, DLBM, index of its group in the village, official area (m²).</summary>
internal sealed record Patch(Geometry Geometry, string Dlbm, int Group, double Area);

/// <summary>A change patch (BHTB) detected in 2024.</summary>
internal sealed record ChangePatch(Geometry Geometry, string Source, string Before, string After, double Area, DateOnly Detected);

/// <summary>An approval (PZYD); its number (PZWH) is given when written, in file order.</summary>
internal sealed record Approval(Geometry Geometry, string Type, DateOnly Date, double Area);

/// <summary>A high-standard farmland project area (GBZNT); its name is given when written.</summary>
internal sealed record Project(Geometry Geometry, int Year, double Area);

/// <summary>Everything generated for one village, in the order it is written.</summary>
internal sealed class VillageResult(AdminUnit county, AdminUnit village)
{
    public AdminUnit County { get; } = county;
    public AdminUnit Village { get; } = village;
    public List<Patch> Year2023 { get; } = [];
    public List<Patch> Year2024 { get; } = [];
    public List<Patch> Farmland { get; } = [];
    public List<Project> Projects { get; } = [];
    public List<Approval> Approvals { get; } = [];
    public List<ChangePatch> Changes { get; } = [];

    /// <summary>ZLDWDM of a patch: the 15-digit group code followed by "0000" (docs/domain.md §3.2).</summary>
    public string LocationCode(int group) => Village.Children[group].Code + "0000";
}
