namespace Gengbao.Ledger.Accounts;

/// <summary>
/// 一本账 of one admin unit and survey year (seed 004: 总账, 进账, 出账, 专账), docs/ledger.md. Areas in m².
/// </summary>
/// <param name="UnitCode">12-digit XZQDM of the unit (county 622921000000, township 622921100000, village 622921100201).</param>
/// <param name="UnitName">XZQMC.</param>
/// <param name="Year">Survey year of <see cref="Stock"/>.</param>
/// <param name="Stock">总账 of <see cref="Year"/>.</param>
/// <param name="BeforeYear">The previous stored survey year, or null when none is stored.</param>
/// <param name="BeforeStock">总账 of <see cref="BeforeYear"/>, or null.</param>
/// <param name="Inflow">进账 by source class, or null when the comparison of the two years is missing.</param>
/// <param name="Outflow">出账 by destination class, or null when the comparison is missing.</param>
/// <param name="Identity">The balance of the accounts, or null when the comparison is missing.</param>
/// <param name="SupplementaryProjects">补充耕地项目: newly added cultivated area of projects completed in the year, m².</param>
/// <param name="Missing">What is missing to complete the ledger (e.g. "comparison 2023→2024 of county 622921 not run"); empty when complete.</param>
public sealed record UnitLedger(
    string UnitCode,
    string UnitName,
    int Year,
    StockAccount Stock,
    int? BeforeYear,
    StockAccount? BeforeStock,
    FlowAccount? Inflow,
    FlowAccount? Outflow,
    LedgerIdentity? Identity,
    decimal SupplementaryProjects,
    IReadOnlyList<string> Missing)
{
    /// <summary>专账: PBF, high-standard farmland; grain production zones and land under consolidation have no layer yet (null).</summary>
    public SpecialAccounts Special => new(Stock.Pbf, Stock.HighStandard, null, null, BeforeStock is null ? null : Stock.Pbf - BeforeStock.Pbf, BeforeStock is null ? null : Stock.HighStandard - BeforeStock.HighStandard);
}

/// <summary>专账 (special accounts), m²; null where the platform holds no layer for it.</summary>
/// <param name="Pbf">永久基本农田.</param>
/// <param name="HighStandard">高标准农田.</param>
/// <param name="GrainZones">粮食生产功能区: no layer in the one map yet.</param>
/// <param name="UnderConsolidation">整治中耕地: no layer in the one map yet.</param>
/// <param name="PbfChange">PBF this year − before year.</param>
/// <param name="HighStandardChange">HSF this year − before year.</param>
public sealed record SpecialAccounts(decimal Pbf, decimal HighStandard, decimal? GrainZones, decimal? UnderConsolidation, decimal? PbfChange, decimal? HighStandardChange);
