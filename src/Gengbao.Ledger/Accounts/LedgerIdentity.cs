namespace Gengbao.Ledger.Accounts;

/// <summary>
/// The check 上年总账 + 进账 − 出账 = 本年总账 for cultivated land (docs/ledger.md §3), m².
/// <para>
/// Totals are official areas (Σ TBMJ by ZLDWDM of each year); inflow and outflow come from the transfer matrix, whose
/// pieces are geodesic areas keyed by the <em>before</em> parcel's village. Inside the matrix the identity is exact:
/// <c>BeforeMatrix + Inflow − Outflow = AfterMatrix</c>, where BeforeMatrix (AfterMatrix) is the matrix land that was
/// (became) cultivated. So the gap splits exactly into the two sides' differences between official totals and matrix:
/// <c>Gap = AfterDifference − BeforeDifference</c>.
/// </para>
/// </summary>
/// <param name="Before">Official cultivated total of the before year.</param>
/// <param name="After">Official cultivated total of this year.</param>
/// <param name="Inflow">Cultivated land gained (matrix).</param>
/// <param name="Outflow">Cultivated land lost (matrix).</param>
/// <param name="BeforeMatrix">Σ matrix rows from a cultivated class.</param>
/// <param name="AfterMatrix">Σ matrix rows to a cultivated class.</param>
public sealed record LedgerIdentity(decimal Before, decimal After, decimal Inflow, decimal Outflow, decimal BeforeMatrix, decimal AfterMatrix)
{
    /// <summary>Relative tolerance of the area method: TBMJ (trapezoid formula) vs geodesic area differ by about 2 ppm (domain.md §5.4); 10 ppm leaves room.</summary>
    public const decimal MethodPpm = 10m;

    /// <summary>After − (Before + Inflow − Outflow), m².</summary>
    public decimal Gap => After - (Before + Inflow - Outflow);

    /// <summary>Before − BeforeMatrix: area method and rounding, slivers, land the after year does not cover.</summary>
    public decimal BeforeDifference => Before - BeforeMatrix;

    /// <summary>After − AfterMatrix: area method and rounding, and land now counted in another unit than before (ZLDWDM changed) or not covered by the before year.</summary>
    public decimal AfterDifference => After - AfterMatrix;

    /// <summary>The largest gap that the area method and 0.01 m² rounding explain: 1 m² + 10 ppm of both totals.</summary>
    public decimal MethodTolerance => 1m + (Math.Abs(Before) + Math.Abs(After)) * MethodPpm / 1_000_000m;

    /// <summary>True when the gap is within <see cref="MethodTolerance"/>.</summary>
    public bool IsExplainedByAreaMethod => Math.Abs(Gap) <= MethodTolerance;

    /// <summary>Why the numbers do not add up exactly, in words for the report.</summary>
    public string Explanation => IsExplainedByAreaMethod
        ? $"差额 {Gap:F2} m²:面积算法差异(图斑面积 TBMJ 为椭球梯形公式逐图斑取两位小数,流量为转移矩阵的椭球大地面积,相差约 2 ppm),在容差 {MethodTolerance:F2} m² 内"
        : $"差额 {Gap:F2} m² 超出面积算法容差 {MethodTolerance:F2} m²:上年总账与矩阵相差 {BeforeDifference:F2} m²,本年总账与矩阵相差 {AfterDifference:F2} m²;"
          + "原因为单位归属变化(坐落单位代码或行政界线调整,矩阵按上年图斑坐落计)或两年调查范围不一致";
}
