namespace Gengbao.Ledger.Accounts;

/// <summary>
/// 总账: the stock of one unit at one survey year, official areas (TBMJ or the layer's area), m², 2 decimals.
/// </summary>
/// <param name="Paddy">0101 水田.</param>
/// <param name="Irrigated">0102 水浇地.</param>
/// <param name="Dry">0103 旱地.</param>
/// <param name="CultivatedCount">Number of cultivated DLTB patches.</param>
/// <param name="Pbf">永久基本农田: Σ YJJBNT TBMJ.</param>
/// <param name="HighStandard">高标准农田: GBZNT area inside the unit (docs/ledger.md §1).</param>
/// <param name="Stable">稳定耕地: cultivated land with slope grade GDPDJB not 5 (≤ 25°), docs/ledger.md §1.</param>
public sealed record StockAccount(decimal Paddy, decimal Irrigated, decimal Dry, long CultivatedCount, decimal Pbf, decimal HighStandard, decimal Stable)
{
    /// <summary>耕地 = 0101 + 0102 + 0103.</summary>
    public decimal Cultivated => Paddy + Irrigated + Dry;

    /// <summary>No data: every figure zero.</summary>
    public static StockAccount Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);
}
