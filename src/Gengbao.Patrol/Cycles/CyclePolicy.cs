using Gengbao.Geo.Codes;

namespace Gengbao.Patrol.Cycles;

/// <summary>
/// Chooses the plan that governs a cell: among plans of the cell's level whose region prefix the code starts with and
/// whose season contains the month, the longest prefix wins (a county's rule beats the prefecture default), then a
/// seasonal plan beats an all-year one, then the lowest id. The dispatcher's SQL orders candidates the same way.
/// </summary>
public sealed class CyclePolicy(IReadOnlyList<PlanRule> plans)
{
    /// <summary>Seed 001 defaults (四(四)2): 州 and 县 twice a year, 乡 quarterly, 村 monthly, 社 weekly; ids 1–5 as migration 0003 seeds them.</summary>
    public static IReadOnlyList<PlanRule> Defaults { get; } =
    [
        new(1, AdminLevel.Prefecture, "", PatrolCycle.HalfYearly),
        new(2, AdminLevel.County, "", PatrolCycle.HalfYearly),
        new(3, AdminLevel.Township, "", PatrolCycle.Quarterly),
        new(4, AdminLevel.Village, "", PatrolCycle.Monthly),
        new(5, AdminLevel.Group, "", PatrolCycle.Weekly),
    ];

    public IReadOnlyList<PlanRule> Plans { get; } = plans;

    /// <summary>The governing plan for a cell at an instant, or null when no plan covers it (no task is sent).</summary>
    public PlanRule? Resolve(AdminLevel level, string cellCode, DateTimeOffset at)
    {
        var month = ChinaTime.ToChina(at).Month;
        return Plans.Where(p => p.AppliesTo(level, cellCode, month))
            .OrderByDescending(p => p.RegionPrefix.Length)
            .ThenByDescending(p => p.Months is not null)
            .ThenBy(p => p.Id)
            .FirstOrDefault();
    }
}
