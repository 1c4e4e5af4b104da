namespace Gengbao.Storage.Patrol;

/// <summary>A patrol task as lists and the API show it; <see cref="StateLabel"/> is the Chinese label.</summary>
public sealed record PatrolTaskView(
    long Id, string CountyCode, string CellCode, string? CellName, int CellLevel, string? SupervisorCode, long PlanId, string Cycle,
    string PeriodKey, DateTimeOffset PeriodStart, DateTimeOffset DueAt, DateTimeOffset WarnAt, string State, string StateLabel,
    DateTimeOffset StateChangedAt, double? Coverage, IReadOnlyList<string> Flags, string? AssigneeName, string? AssigneePhone);

/// <summary>
/// Filters of a task list. <see cref="Region"/> is an admin code or code prefix (RegionPrefix), <see cref="Phone"/> a
/// person on the current roster; both optional, combined with AND.
/// </summary>
public sealed record TaskQuery(string? Region = null, string? Phone = null, string? State = null,
    DateTimeOffset? DueFrom = null, DateTimeOffset? DueTo = null, int Limit = 1000);
