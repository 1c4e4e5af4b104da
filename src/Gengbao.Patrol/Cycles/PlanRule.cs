using Gengbao.Geo.Codes;

namespace Gengbao.Patrol.Cycles;

/// <summary>
/// A patrol plan: cells of <paramref name="Level"/> whose admin code starts with <paramref name="RegionPrefix"/>
/// ("" = everywhere) are patrolled every <paramref name="Cycle"/>; <paramref name="Months"/> (1–12, China time)
/// limits the plan to a season, null means all year.
/// </summary>
public sealed record PlanRule(long Id, AdminLevel Level, string RegionPrefix, PatrolCycle Cycle, IReadOnlyList<int>? Months = null)
{
    /// <summary>True when this plan applies to the cell in the given month.</summary>
    public bool AppliesTo(AdminLevel level, string cellCode, int month) =>
        level == Level && cellCode.StartsWith(RegionPrefix, StringComparison.Ordinal) && (Months is null || Months.Contains(month));
}
