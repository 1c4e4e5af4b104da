using Gengbao.Exchange.Catalog;

namespace Gengbao.Exchange.Schedule;

/// <summary>A delivery that was due: catalog item, region, period, due date, and the accepted delivery (if any).</summary>
public sealed record DueDelivery(string CatalogItem, string Region, int Year, string Period, DateOnly DueDate, DateTimeOffset? DeliveredAt)
{
    public bool IsOverdue(DateOnly today) => DeliveredAt is null && today > DueDate;
    public bool OnTime => DeliveredAt is { } at && DeliverySchedule.DayOf(at) <= DueDate;
}

/// <summary>
/// Due dates of seed 000 §二(二)(三): an annual item is due <see cref="CatalogItem.DeadlineDays"/> (30) days after
/// the annual update is put into use (the date passed for each year); a half-yearly item (monitoring and
/// rectification data, "每年至少汇交两次") is due 30 days after the end of each half year (H1: 30 June, H2: 31 December).
/// </summary>
public static class DeliverySchedule
{
    /// <summary>China Standard Time (UTC+8, no daylight saving): due dates are calendar days in Beijing time.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>The calendar day (Beijing time) of an instant: a package received at 01:00 on the 31st is not on time for the 30th.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaStandardTime).DateTime);

    public static IReadOnlyList<(string Period, DateOnly Due)> DueDates(CatalogItem item, int year, DateOnly annualUpdate) =>
        item.Frequency switch
        {
            DeliveryFrequency.Annual => [("annual", annualUpdate.AddDays(item.DeadlineDays))],
            _ => [("H1", new DateOnly(year, 6, 30).AddDays(item.DeadlineDays)), ("H2", new DateOnly(year, 12, 31).AddDays(item.DeadlineDays))],
        };
}
