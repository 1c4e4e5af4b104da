using Gengbao.Patrol.Tasks;
using Gengbao.Patrol.Tracks;

namespace Gengbao.Patrol.Tests.Tasks;

public class TaskStateRulesTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Before = Due.AddDays(-1);

    [Theory]
    [InlineData(PatrolTaskState.Pending, PatrolTaskState.InProgress)]
    [InlineData(PatrolTaskState.InProgress, PatrolTaskState.Completed)]
    [InlineData(PatrolTaskState.InProgress, PatrolTaskState.Incomplete)]
    [InlineData(PatrolTaskState.Incomplete, PatrolTaskState.InProgress)]
    [InlineData(PatrolTaskState.Pending, PatrolTaskState.Completed)]
    public void Allowed_before_due(PatrolTaskState from, PatrolTaskState to) =>
        Assert.Null(TaskStateRules.CheckTransition(from, to, Due, Before));

    [Theory]
    [InlineData(PatrolTaskState.Completed, PatrolTaskState.InProgress, "final")]
    [InlineData(PatrolTaskState.Overdue, PatrolTaskState.Completed, "final")]
    [InlineData(PatrolTaskState.Pending, PatrolTaskState.Overdue, "scheduler")]
    [InlineData(PatrolTaskState.InProgress, PatrolTaskState.Pending, "cannot go")]
    public void Refused_with_a_reason(PatrolTaskState from, PatrolTaskState to, string reason) =>
        Assert.Contains(reason, TaskStateRules.CheckTransition(from, to, Due, Before), StringComparison.Ordinal);

    [Fact]
    public void Nothing_changes_by_hand_after_the_due_time() =>
        Assert.Contains("was due", TaskStateRules.CheckTransition(PatrolTaskState.InProgress, PatrolTaskState.Completed, Due, Due), StringComparison.Ordinal);

    [Fact]
    public void Open_tasks_become_overdue_exactly_at_due()
    {
        Assert.False(TaskStateRules.IsOverdue(PatrolTaskState.Pending, Due, Due.AddTicks(-1)));
        Assert.True(TaskStateRules.IsOverdue(PatrolTaskState.Pending, Due, Due));
        Assert.True(TaskStateRules.IsOverdue(PatrolTaskState.Incomplete, Due, Due));
        Assert.False(TaskStateRules.IsOverdue(PatrolTaskState.Completed, Due, Due.AddDays(3)));
    }

    [Fact]
    public void Judge_needs_coverage_and_a_long_enough_track()
    {
        static TrackReport Report(double coverage, bool tooShort) =>
            new(10, 100, TimeSpan.FromMinutes(5), 0, 0, 0, 0, 1e6, 1000, tooShort, 1e5, coverage * 1e5, coverage);
        Assert.Equal(PatrolTaskState.Completed, TaskStateRules.Judge(Report(0.5, false)));
        Assert.Equal(PatrolTaskState.Incomplete, TaskStateRules.Judge(Report(0.49, false)));
        Assert.Equal(PatrolTaskState.Incomplete, TaskStateRules.Judge(Report(0.9, true)));
    }
}
