namespace Gengbao.Ledger.Assessment;

/// <summary>A unit's protection targets for a year, m² (null: not set).</summary>
/// <param name="UnitCode">12-digit XZQDM.</param>
/// <param name="Year">Year the targets apply to.</param>
/// <param name="CultivatedTarget">耕地保有量, m².</param>
/// <param name="PbfTarget">永久基本农田保护面积, m².</param>
public sealed record ProtectionTarget(string UnitCode, int Year, decimal? CultivatedTarget, decimal? PbfTarget);
