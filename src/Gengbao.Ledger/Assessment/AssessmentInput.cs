namespace Gengbao.Ledger.Assessment;

/// <summary>What one unit is assessed on (areas m²). Null means not available, and the item is left out of the score.</summary>
/// <param name="UnitCode">12-digit XZQDM.</param>
/// <param name="UnitName">XZQMC.</param>
/// <param name="Cultivated">Cultivated land of the year (official).</param>
/// <param name="Pbf">PBF of the year (official).</param>
/// <param name="CultivatedTarget">耕地保有量 target, or null when none is set.</param>
/// <param name="PbfTarget">永久基本农田保护 target, or null.</param>
/// <param name="PatrolDue">Patrol tasks due in the period (completed, incomplete or overdue).</param>
/// <param name="PatrolCompleted">Of those, completed.</param>
/// <param name="CasesTotal">Cases opened in the period, or null when the case module is not available.</param>
/// <param name="CasesClosed">Of those, closed (handled to the end).</param>
public sealed record AssessmentInput(string UnitCode, string UnitName, decimal Cultivated, decimal Pbf, decimal? CultivatedTarget, decimal? PbfTarget,
    long PatrolDue, long PatrolCompleted, long? CasesTotal, long? CasesClosed);
