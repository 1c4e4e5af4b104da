namespace Gengbao.Cases;

/// <summary>
/// Deadlines of case tasks and whom a missed one is escalated to. The durations are the platform's defaults (no seed
/// fixes them): a check on site within 7 days, rectification within 30 days.
/// </summary>
public static class CaseDeadlines
{
    public static TimeSpan Verification { get; } = TimeSpan.FromDays(7);

    public static TimeSpan Rectification { get; } = TimeSpan.FromDays(30);

    public static DateTimeOffset DueAt(CaseTaskKind kind, DateTimeOffset createdAt) =>
        createdAt + (kind == CaseTaskKind.Verification ? Verification : Rectification);

    /// <summary>True when an open task is past its deadline at <paramref name="now"/> and has not been escalated yet.</summary>
    public static bool MustEscalate(CaseTaskState state, DateTimeOffset dueAt, DateTimeOffset? escalatedAt, DateTimeOffset now) =>
        state == CaseTaskState.Open && escalatedAt is null && now > dueAt;

    /// <summary>
    /// The grid cell one level above an admin code (12-digit codes, 15 for a village group): group → village,
    /// village → township, township → county; null above the county (the county bureau handles it).
    /// </summary>
    public static string? LevelAbove(string cellCode)
    {
        ArgumentNullException.ThrowIfNull(cellCode);
        return cellCode.Length switch
        {
            15 => cellCode[..12],
            12 when !cellCode.EndsWith("000", StringComparison.Ordinal) => cellCode[..9] + "000",
            12 when !cellCode.EndsWith("000000", StringComparison.Ordinal) => cellCode[..6] + "000000",
            _ => null,
        };
    }
}
