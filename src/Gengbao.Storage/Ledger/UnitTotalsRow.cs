namespace Gengbao.Storage.Ledger;

/// <summary>Cultivated land (DLBM 0101/0102/0103) and permanent basic farmland of one admin unit: TBMJ sums in m² and counts.</summary>
public sealed record UnitTotalsRow(string Code, string Name, decimal CultivatedArea, long CultivatedCount, decimal PbfArea, long PbfCount);
