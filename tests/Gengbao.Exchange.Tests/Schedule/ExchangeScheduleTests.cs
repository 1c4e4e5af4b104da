using Gengbao.Exchange.Catalog;
using Gengbao.Exchange.Schedule;

namespace Gengbao.Exchange.Tests.Schedule;

/// <summary>Due dates, statuses and the evaluation's scores (docs/exchange.md, "Schedule and evaluation").</summary>
public sealed class ExchangeScheduleTests
{
    private const string County = "622921";
    private static readonly CatalogItem LandSurvey = SharedCatalog.Find("land-survey")!;
    private static readonly CatalogItem Monitoring = SharedCatalog.Find("farmland-change-monitoring")!;
    private static readonly CatalogItem SoilCensus = SharedCatalog.Find("soil-census")!;
    private static readonly Dictionary<string, DateOnly> UpdateInUse = new() { [County] = new DateOnly(2024, 3, 1) };

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.FromHours(8));

    private static IReadOnlyList<ScheduleEntry> Build(IReadOnlyList<CatalogItem> items, IReadOnlyList<AcceptedDelivery> accepted, DateOnly today,
        IReadOnlyDictionary<string, DateOnly>? updates = null) =>
        ExchangeSchedule.Build(items, [County], 2024, updates ?? UpdateInUse, accepted, today);

    [Fact]
    public void AnnualItemsAreDue30DaysAfterTheUpdateIsInUseAndHalfYearlyOnes30DaysAfterEachHalf()
    {
        var schedule = Build([LandSurvey, Monitoring], [], new DateOnly(2024, 1, 1));
        Assert.Equal(
            ["land-survey annual 2024-03-31 Pending", "farmland-change-monitoring H1 2024-07-30 Pending", "farmland-change-monitoring H2 2025-01-30 Pending"],
            schedule.Select(e => $"{e.CatalogItem} {e.Period} {e.DueDate:yyyy-MM-dd} {e.Status}"));
    }

    [Fact]
    public void OnTimeLateAndMissingDeliveriesScoreAsDocumented()
    {
        // Monitoring H1 on time (its due day counts), H2 late by 5 days, land survey missing and overdue.
        var accepted = new List<AcceptedDelivery>
        {
            new(1, Monitoring.Id, County, 2024, "H1", At(2024, 7, 30)),
            new(2, Monitoring.Id, County, 2024, "H2", At(2025, 2, 4)),
        };
        var today = new DateOnly(2025, 3, 1);
        var schedule = Build([LandSurvey, Monitoring], accepted, today);
        Assert.Equal(["Overdue", "OnTime", "Late"], schedule.Select(e => e.Status.ToString()));
        Assert.Equal([335, 0, 5], schedule.Select(e => e.DaysLate(today)));

        // 3 due: 1 on time → timeliness 30 × 1/3 = 10; 2 delivered → completeness 30 × 2/3 = 20;
        // 2 accepted, 1 refused → quality 25 × 2/3 = 16.7; 1 of 2 used → use 15 × 1/2 = 7.5; total 54.2.
        var nr = DepartmentEvaluation.Of(Departments.NaturalResources, 2024, schedule, accepted: 2, refused: 1, used: 1);
        Assert.Equal((3, 1, 1, 1), (nr.Due, nr.OnTime, nr.Late, nr.Missing));
        Assert.Equal(new EvaluationScore(10, 20, 16.7, 7.5), nr.Score);
        Assert.Equal(54.2, nr.Score.Total);
    }

    [Fact]
    public void TheDueDayIsABeijingCalendarDay()
    {
        // 30 July 23:30 Beijing time is on time; 31 July 01:00 Beijing time (still 30 July in UTC) is a day late.
        var onTime = Build([Monitoring], [new(1, Monitoring.Id, County, 2024, "H1", new DateTimeOffset(2024, 7, 30, 15, 30, 0, TimeSpan.Zero))], new DateOnly(2024, 9, 1));
        Assert.Equal(ScheduleStatus.OnTime, onTime[0].Status);
        var late = Build([Monitoring], [new(1, Monitoring.Id, County, 2024, "H1", new DateTimeOffset(2024, 7, 30, 17, 0, 0, TimeSpan.Zero))], new DateOnly(2024, 9, 1));
        Assert.Equal(ScheduleStatus.Late, late[0].Status);
        Assert.Equal(1, late[0].DaysLate(new DateOnly(2024, 9, 1)));
    }

    [Fact]
    public void EverythingOnTimeScoresFullMarksAndADepartmentWithNothingDueToo()
    {
        var accepted = new List<AcceptedDelivery> { new(1, LandSurvey.Id, "6229", 2024, "annual", At(2024, 3, 20)) };
        var schedule = Build([LandSurvey, SoilCensus], accepted, new DateOnly(2024, 4, 1));
        Assert.Equal(ScheduleStatus.OnTime, schedule.Single(e => e.CatalogItem == LandSurvey.Id).Status); // a prefecture package covers the county
        Assert.Equal(ScheduleStatus.Overdue, schedule.Single(e => e.CatalogItem == SoilCensus.Id).Status);
        Assert.Equal(100, DepartmentEvaluation.Of(Departments.NaturalResources, 2024, schedule, 1, 0, 1).Score.Total);
        var agri = DepartmentEvaluation.Of(Departments.Agriculture, 2024, schedule, 0, 0, 0);
        Assert.Equal(new EvaluationScore(0, 0, 25, 15), agri.Score);
    }

    [Fact]
    public void WithoutARecordedAnnualUpdateAnnualItemsAreUnscheduledAndNotCounted()
    {
        var schedule = Build([LandSurvey, Monitoring], [], new DateOnly(2024, 8, 15), new Dictionary<string, DateOnly>());
        Assert.Equal(["Unscheduled", "Overdue", "Pending"], schedule.Select(e => e.Status.ToString()));
        Assert.Null(schedule[0].DueDate);
        var nr = DepartmentEvaluation.Of(Departments.NaturalResources, 2024, schedule, 0, 0, 0);
        Assert.Equal(1, nr.Due);
        Assert.Equal(new EvaluationScore(0, 0, 25, 15), nr.Score);
    }

    [Fact]
    public void TheReportListsScoresAndOverdueEntries()
    {
        var schedule = Build([LandSurvey], [], new DateOnly(2024, 5, 1));
        var evaluations = new[] { DepartmentEvaluation.Of(Departments.NaturalResources, 2024, schedule, 0, 0, 0) };
        var csv = EvaluationReport.Csv(2024, new DateOnly(2024, 5, 1), evaluations, schedule);
        Assert.Contains("natural_resources,2024,1,0,0,1,0,0,0,0,0,25,15,40", csv, StringComparison.Ordinal);
        Assert.Contains("land-survey,natural_resources,622921,2024,annual,2024-03-31,,,overdue,31", csv, StringComparison.Ordinal);
        var html = EvaluationReport.Html(2024, new DateOnly(2024, 5, 1), evaluations, schedule);
        Assert.Contains("汇交成效评估", html, StringComparison.Ordinal);
        Assert.Contains("class=\"overdue\"", html, StringComparison.Ordinal);
    }
}
