using System.Globalization;

namespace Gengbao.Patrol.Cycles;

/// <summary>
/// One period of a cycle: <see cref="Start"/> inclusive, <see cref="End"/> exclusive, both China-time midnights. The
/// task of a period is due at <see cref="End"/>; <see cref="Key"/> names it uniquely within its cycle.
/// </summary>
public sealed record PatrolPeriod(PatrolCycle Cycle, string Key, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The period of <paramref name="cycle"/> that contains <paramref name="instant"/> (any offset).</summary>
    public static PatrolPeriod Containing(PatrolCycle cycle, DateTimeOffset instant)
    {
        var date = ChinaTime.DateOf(instant);
        var inv = CultureInfo.InvariantCulture;
        switch (cycle)
        {
            case PatrolCycle.Weekly:
            {
                // ISO 8601 weeks start on Monday; the ISO year of late-December days can be the next year.
                var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
                var dt = date.ToDateTime(TimeOnly.MinValue);
                var key = string.Create(inv, $"{ISOWeek.GetYear(dt):D4}-W{ISOWeek.GetWeekOfYear(dt):D2}");
                return new(cycle, key, ChinaTime.Midnight(monday), ChinaTime.Midnight(monday.AddDays(7)));
            }
            case PatrolCycle.Monthly:
            {
                var first = new DateOnly(date.Year, date.Month, 1);
                return new(cycle, string.Create(inv, $"{date.Year:D4}-{date.Month:D2}"), ChinaTime.Midnight(first), ChinaTime.Midnight(first.AddMonths(1)));
            }
            case PatrolCycle.Quarterly:
            {
                var q = ((date.Month - 1) / 3) + 1;
                var first = new DateOnly(date.Year, ((q - 1) * 3) + 1, 1);
                return new(cycle, string.Create(inv, $"{date.Year:D4}-Q{q}"), ChinaTime.Midnight(first), ChinaTime.Midnight(first.AddMonths(3)));
            }
            case PatrolCycle.HalfYearly:
            {
                var h = date.Month <= 6 ? 1 : 2;
                var first = new DateOnly(date.Year, h == 1 ? 1 : 7, 1);
                return new(cycle, string.Create(inv, $"{date.Year:D4}-H{h}"), ChinaTime.Midnight(first), ChinaTime.Midnight(first.AddMonths(6)));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(cycle), cycle, null);
        }
    }

    /// <summary>The task of this period is due at the period's end (exclusive): a patrol on the last day still counts.</summary>
    public DateTimeOffset DueAt => End;

    /// <summary>
    /// When the supervisor one level up is first warned that the task is still open: a share of the period before the
    /// due date (1 day for a week, 3 days for a month, 7 for a quarter, 14 for a half year), see docs/patrol.md.
    /// </summary>
    public DateTimeOffset WarnAt => End - WarningLead(Cycle);

    /// <summary>How long before the due date the "due soon" warning goes out.</summary>
    public static TimeSpan WarningLead(PatrolCycle cycle) => cycle switch
    {
        PatrolCycle.Weekly => TimeSpan.FromDays(1),
        PatrolCycle.Monthly => TimeSpan.FromDays(3),
        PatrolCycle.Quarterly => TimeSpan.FromDays(7),
        PatrolCycle.HalfYearly => TimeSpan.FromDays(14),
        _ => throw new ArgumentOutOfRangeException(nameof(cycle), cycle, null),
    };
}
