namespace Gengbao.Exchange.Schedule;

/// <summary>Where a due delivery stands on a given day.</summary>
public enum ScheduleStatus
{
    /// <summary>Accepted by its due date.</summary>
    OnTime,

    /// <summary>Accepted after its due date.</summary>
    Late,

    /// <summary>Not accepted and the due date has passed: an overdue warning.</summary>
    Overdue,

    /// <summary>Not accepted yet, not due yet.</summary>
    Pending,

    /// <summary>An annual item of a region whose annual update date is not recorded: no due date yet.</summary>
    Unscheduled,
}

/// <summary>
/// One delivery a catalog item owes for a region and period: due date (null when <see cref="ScheduleStatus.Unscheduled"/>),
/// the first accepted delivery (if any) and the status on the day the schedule was made.
/// </summary>
public sealed record ScheduleEntry(string CatalogItem, string Owner, string Region, int Year, string Period, DateOnly? DueDate,
    DateTimeOffset? DeliveredAt, long? DeliveryId, ScheduleStatus Status)
{
    /// <summary>Days past the due date: late by (delivered) or overdue by (not delivered, on <c>today</c>); 0 otherwise.</summary>
    public int DaysLate(DateOnly today) => DueDate is not { } due ? 0
        : DeliveredAt is { } at ? Math.Max(0, DeliverySchedule.DayOf(at).DayNumber - due.DayNumber)
        : Math.Max(0, today.DayNumber - due.DayNumber);
}

/// <summary>An accepted delivery as the schedule matches it: item, region of the package, year, period, when.</summary>
public sealed record AcceptedDelivery(long Id, string CatalogItem, string Region, int Year, string Period, DateTimeOffset ReceivedAt);
