namespace Gengbao.Patrol.Tasks;

/// <summary>The states of a patrol task (seed 001 四(四)3: 已完成、未完成、已过期 are watched by the county).</summary>
public enum PatrolTaskState
{
    /// <summary>待巡查: dispatched, nothing recorded yet.</summary>
    Pending,

    /// <summary>巡查中: the manager started or uploaded track points.</summary>
    InProgress,

    /// <summary>已完成: finished with enough coverage of the cell's cultivated land.</summary>
    Completed,

    /// <summary>未完成: finished, but coverage or track length fell short; may be resumed until due.</summary>
    Incomplete,

    /// <summary>已过期: the due date passed before it was completed. Final.</summary>
    Overdue,
}

/// <summary>Text names as stored in <c>patrol_task.state</c>.</summary>
public static class PatrolTaskStates
{
    public static string Name(PatrolTaskState state) => state switch
    {
        PatrolTaskState.Pending => "pending",
        PatrolTaskState.InProgress => "in_progress",
        PatrolTaskState.Completed => "completed",
        PatrolTaskState.Incomplete => "incomplete",
        PatrolTaskState.Overdue => "overdue",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static PatrolTaskState Parse(string name) => name switch
    {
        "pending" => PatrolTaskState.Pending,
        "in_progress" => PatrolTaskState.InProgress,
        "completed" => PatrolTaskState.Completed,
        "incomplete" => PatrolTaskState.Incomplete,
        "overdue" => PatrolTaskState.Overdue,
        _ => throw new ArgumentException($"unknown task state '{name}'", nameof(name)),
    };

    /// <summary>Chinese label for screens.</summary>
    public static string Label(PatrolTaskState state) => state switch
    {
        PatrolTaskState.Pending => "待巡查",
        PatrolTaskState.InProgress => "巡查中",
        PatrolTaskState.Completed => "已完成",
        PatrolTaskState.Incomplete => "未完成",
        PatrolTaskState.Overdue => "已过期",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
