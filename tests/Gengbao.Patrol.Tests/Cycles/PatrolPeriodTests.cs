using Gengbao.Patrol.Cycles;

namespace Gengbao.Patrol.Tests.Cycles;

public class PatrolPeriodTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Monday 2026-11-23 00:00 in China is Sunday 16:00 UTC: the week starts there, not at UTC midnight.
    [InlineData(PatrolCycle.Weekly, "2026-11-22T16:00:00Z", "2026-W48", "2026-11-23T00:00:00+08:00", "2026-11-30T00:00:00+08:00")]
    [InlineData(PatrolCycle.Weekly, "2026-11-22T15:59:59Z", "2026-W47", "2026-11-16T00:00:00+08:00", "2026-11-23T00:00:00+08:00")]
    // 1 January 2027 is a Friday in ISO week 53 of 2026.
    [InlineData(PatrolCycle.Weekly, "2027-01-01T12:00:00+08:00", "2026-W53", "2026-12-28T00:00:00+08:00", "2027-01-04T00:00:00+08:00")]
    [InlineData(PatrolCycle.Monthly, "2026-11-30T16:00:00Z", "2026-12", "2026-12-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00")]
    [InlineData(PatrolCycle.Monthly, "2026-11-30T15:59:59Z", "2026-11", "2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00")]
    [InlineData(PatrolCycle.Quarterly, "2026-11-23T00:00:00Z", "2026-Q4", "2026-10-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00")]
    [InlineData(PatrolCycle.HalfYearly, "2026-06-30T16:00:00Z", "2026-H2", "2026-07-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00")]
    [InlineData(PatrolCycle.HalfYearly, "2026-03-01T00:00:00Z", "2026-H1", "2026-01-01T00:00:00+08:00", "2026-07-01T00:00:00+08:00")]
    public void Period_containing_an_instant_follows_the_China_calendar(PatrolCycle cycle, string at, string key, string start, string end)
    {
        var period = PatrolPeriod.Containing(cycle, Utc(at));
        Assert.Equal(key, period.Key);
        Assert.Equal(Utc(start), period.Start);
        Assert.Equal(Utc(end), period.End);
        Assert.Equal(period.End, period.DueAt);
    }

    [Theory]
    [InlineData(PatrolCycle.Weekly, "2026-11-29T00:00:00+08:00")]
    [InlineData(PatrolCycle.Monthly, "2026-11-28T00:00:00+08:00")]
    [InlineData(PatrolCycle.Quarterly, "2026-12-25T00:00:00+08:00")]
    [InlineData(PatrolCycle.HalfYearly, "2026-12-18T00:00:00+08:00")]
    public void Warning_goes_out_a_fixed_lead_before_the_due_date(PatrolCycle cycle, string warnAt)
    {
        Assert.Equal(Utc(warnAt), PatrolPeriod.Containing(cycle, Utc("2026-11-23T06:00:00Z")).WarnAt);
    }

    [Fact]
    public void Consecutive_periods_tile_time_without_gaps()
    {
        foreach (var cycle in PatrolCycles.All)
        {
            var p = PatrolPeriod.Containing(cycle, Utc("2025-12-31T23:00:00Z"));
            for (var i = 0; i < 60; i++)
            {
                var next = PatrolPeriod.Containing(cycle, p.End);
                Assert.Equal(p.End, next.Start);
                Assert.NotEqual(p.Key, next.Key);
                Assert.Equal(next, PatrolPeriod.Containing(cycle, next.End.AddTicks(-1)));
                p = next;
            }
        }
    }
}
