using Gengbao.Exchange.Catalog;

namespace Gengbao.Exchange.Schedule;

/// <summary>
/// The schedule of one year: for every catalog item and region, the deliveries due (<see cref="DeliverySchedule"/>),
/// each matched with the first accepted delivery of that item, year and period whose region covers it (a package of
/// a prefecture counts for its counties), and its status on <c>today</c>. Annual items of a region with no recorded
/// annual update date are <see cref="ScheduleStatus.Unscheduled"/>.
/// </summary>
public static class ExchangeSchedule
{
    public static IReadOnlyList<ScheduleEntry> Build(IReadOnlyList<CatalogItem> items, IReadOnlyCollection<string> regions, int year,
        IReadOnlyDictionary<string, DateOnly> annualUpdates, IReadOnlyList<AcceptedDelivery> accepted, DateOnly today)
    {
        var entries = new List<ScheduleEntry>();
        foreach (var item in items)
        {
            foreach (var region in regions.Order(StringComparer.Ordinal))
            {
                IReadOnlyList<(string Period, DateOnly? Due)> dues = item.Frequency == DeliveryFrequency.Annual && !annualUpdates.ContainsKey(region)
                    ? [("annual", null)]
                    : DeliverySchedule.DueDates(item, year, annualUpdates.GetValueOrDefault(region)).Select(d => (d.Period, (DateOnly?)d.Due)).ToList();
                foreach (var (period, due) in dues)
                {
                    var first = accepted
                        .Where(d => d.CatalogItem == item.Id && d.Year == year && d.Period == period && region.StartsWith(d.Region, StringComparison.Ordinal))
                        .OrderBy(d => d.ReceivedAt).FirstOrDefault();
                    var status = (due, first) switch
                    {
                        (null, null) => ScheduleStatus.Unscheduled,
                        (null, _) => ScheduleStatus.OnTime,
                        ({ } d, { } f) => DeliverySchedule.DayOf(f.ReceivedAt) <= d ? ScheduleStatus.OnTime : ScheduleStatus.Late,
                        ({ } d, null) => today > d ? ScheduleStatus.Overdue : ScheduleStatus.Pending,
                    };
                    entries.Add(new ScheduleEntry(item.Id, item.Owner, region, year, period, due, first?.ReceivedAt, first?.Id, status));
                }
            }
        }
        return entries;
    }
}
