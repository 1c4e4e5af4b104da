namespace Gengbao.Patrol.Tasks;

/// <summary>Warnings to the supervisor one level up (seed 001 四(四)3 预警).</summary>
public enum WarningKind
{
    /// <summary>due_soon: the task is still open at <see cref="Cycles.PatrolPeriod.WarnAt"/>.</summary>
    DueSoon,

    /// <summary>overdue: the due time passed and the task was not completed.</summary>
    Overdue,
}
