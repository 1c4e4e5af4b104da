namespace Gengbao.Patrol.Tasks;

/// <summary>
/// Which state changes are allowed, and when. Managers move a task pending → in_progress → completed/incomplete and
/// may resume an incomplete one; only the clock moves an open task (pending, in_progress, incomplete) to overdue, at
/// its due time. Completed and overdue are final: a late patrol is recorded (tracks are kept) but does not turn an
/// overdue task green, so the overdue list stays honest.
/// </summary>
public static class TaskStateRules
{
    /// <summary>Open states: the task still needs a patrol.</summary>
    public static bool IsOpen(PatrolTaskState state) =>
        state is PatrolTaskState.Pending or PatrolTaskState.InProgress or PatrolTaskState.Incomplete;

    /// <summary>True when the clock has made an open task overdue (now ≥ due).</summary>
    public static bool IsOverdue(PatrolTaskState state, DateTimeOffset dueAt, DateTimeOffset now) => IsOpen(state) && now >= dueAt;

    /// <summary>
    /// Checks a change a person asks for at <paramref name="now"/>; returns null when allowed, else the reason (for a
    /// 409 answer). Overdue cannot be asked for: the scheduler sets it.
    /// </summary>
    public static string? CheckTransition(PatrolTaskState from, PatrolTaskState to, DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (to == PatrolTaskState.Overdue)
        {
            return "only the scheduler marks a task overdue";
        }
        if (!IsOpen(from))
        {
            return $"the task is {PatrolTaskStates.Name(from)}, which is final";
        }
        if (now >= dueAt)
        {
            return $"the task was due at {dueAt:O}";
        }
        return (from, to) switch
        {
            (PatrolTaskState.Pending, PatrolTaskState.InProgress) => null,
            (PatrolTaskState.Incomplete, PatrolTaskState.InProgress) => null,
            (PatrolTaskState.InProgress, PatrolTaskState.InProgress) => null,
            (PatrolTaskState.Pending or PatrolTaskState.InProgress or PatrolTaskState.Incomplete, PatrolTaskState.Completed or PatrolTaskState.Incomplete) => null,
            _ => $"a task cannot go from {PatrolTaskStates.Name(from)} to {PatrolTaskStates.Name(to)}",
        };
    }

    /// <summary>
    /// The state a finished patrol earns: completed when coverage reaches <paramref name="minimumCoverage"/> and the
    /// track is not implausibly short, else incomplete.
    /// </summary>
    public static PatrolTaskState Judge(Tracks.TrackReport report, double minimumCoverage = 0.5)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Coverage >= minimumCoverage && !report.TooShortForCell ? PatrolTaskState.Completed : PatrolTaskState.Incomplete;
    }
}
