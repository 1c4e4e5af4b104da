namespace Gengbao.Exchange.Schedule;

/// <summary>
/// The exchange evaluation (汇交成效评估) of one side over a period, 0–100. Weights (docs/exchange.md): timeliness 30
/// (share of due deliveries accepted by their due date), completeness 30 (share of due deliveries accepted at all),
/// quality 25 (share of received packages accepted on first submission, i.e. accepted / (accepted + refused)),
/// use 15 (share of accepted deliveries the receiving side downloaded or read at least once). A period with nothing
/// due scores full marks for timeliness and completeness.
/// </summary>
public static class ExchangeEvaluation
{
    public const double TimelinessWeight = 30, CompletenessWeight = 30, QualityWeight = 25, UseWeight = 15;

    public static EvaluationScore Score(IReadOnlyList<DueDelivery> due, int accepted, int refused, int used)
    {
        double Share(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
        var timeliness = Share(due.Count(d => d.OnTime), due.Count);
        var completeness = Share(due.Count(d => d.DeliveredAt is not null), due.Count);
        var quality = Share(accepted, accepted + refused);
        var use = Share(used, accepted);
        return new EvaluationScore(
            Math.Round(timeliness * TimelinessWeight, 1), Math.Round(completeness * CompletenessWeight, 1),
            Math.Round(quality * QualityWeight, 1), Math.Round(use * UseWeight, 1));
    }
}

/// <summary>
/// The evaluation of one department (the owner of the items) for a year, from the schedule and the packages received.
/// Counted: schedule entries that are due (due date on or before <c>today</c>) or delivered; unscheduled and pending
/// ones are left out. Timeliness: on time / counted; completeness: (on time + late) / counted; quality: accepted /
/// (accepted + refused) packages of the department's items; use: accepted deliveries the receiving side used (one-map
/// items: loaded into the one map; others: the payload downloaded at least once) / accepted.
/// </summary>
public sealed record DepartmentEvaluation(string Department, int Year, int Due, int OnTime, int Late, int Missing, int Accepted, int Refused, int Used,
    EvaluationScore Score)
{
    public static DepartmentEvaluation Of(string department, int year, IReadOnlyList<ScheduleEntry> schedule, int accepted, int refused, int used)
    {
        var counted = schedule.Where(e => e.Owner == department && e.Status is ScheduleStatus.OnTime or ScheduleStatus.Late or ScheduleStatus.Overdue).ToList();
        var due = counted.Select(e => new DueDelivery(e.CatalogItem, e.Region, e.Year, e.Period, e.DueDate ?? DateOnly.MaxValue,
            e.Status == ScheduleStatus.Overdue ? null : e.DeliveredAt)).ToList();
        return new DepartmentEvaluation(department, year, counted.Count, counted.Count(e => e.Status == ScheduleStatus.OnTime),
            counted.Count(e => e.Status == ScheduleStatus.Late), counted.Count(e => e.Status == ScheduleStatus.Overdue), accepted, refused, used,
            ExchangeEvaluation.Score(due, accepted, refused, used));
    }
}

/// <summary>The four parts of an evaluation, each already weighted; <see cref="Total"/> out of 100.</summary>
public sealed record EvaluationScore(double Timeliness, double Completeness, double Quality, double Use)
{
    public double Total => Math.Round(Timeliness + Completeness + Quality + Use, 1);
}
