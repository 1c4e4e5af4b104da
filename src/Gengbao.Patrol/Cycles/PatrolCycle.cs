namespace Gengbao.Patrol.Cycles;

/// <summary>How often a grid cell must be patrolled (seed 001, 四(四)2: 社 weekly, 村 monthly, 乡 quarterly, 县/州 twice a year).</summary>
public enum PatrolCycle
{
    /// <summary>ISO week, Monday 00:00 to the next Monday 00:00 China time; key <c>2026-W48</c>.</summary>
    Weekly,

    /// <summary>Calendar month; key <c>2026-11</c>.</summary>
    Monthly,

    /// <summary>Calendar quarter; key <c>2026-Q4</c>.</summary>
    Quarterly,

    /// <summary>Calendar half year (Jan–Jun, Jul–Dec); key <c>2026-H2</c>.</summary>
    HalfYearly,
}

/// <summary>Text names of cycles as the database and API store them.</summary>
public static class PatrolCycles
{
    /// <summary>weekly, monthly, quarterly or half_yearly.</summary>
    public static string Name(PatrolCycle cycle) => cycle switch
    {
        PatrolCycle.Weekly => "weekly",
        PatrolCycle.Monthly => "monthly",
        PatrolCycle.Quarterly => "quarterly",
        PatrolCycle.HalfYearly => "half_yearly",
        _ => throw new ArgumentOutOfRangeException(nameof(cycle), cycle, null),
    };

    /// <summary>Inverse of <see cref="Name"/>; <see cref="ArgumentException"/> for an unknown name.</summary>
    public static PatrolCycle Parse(string name) => name switch
    {
        "weekly" => PatrolCycle.Weekly,
        "monthly" => PatrolCycle.Monthly,
        "quarterly" => PatrolCycle.Quarterly,
        "half_yearly" => PatrolCycle.HalfYearly,
        _ => throw new ArgumentException($"unknown patrol cycle '{name}'; use weekly, monthly, quarterly or half_yearly", nameof(name)),
    };

    /// <summary>All cycles, for computing every period at once.</summary>
    public static IReadOnlyList<PatrolCycle> All { get; } = [PatrolCycle.Weekly, PatrolCycle.Monthly, PatrolCycle.Quarterly, PatrolCycle.HalfYearly];
}
