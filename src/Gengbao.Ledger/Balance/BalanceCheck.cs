using Gengbao.Ledger.Accounts;

namespace Gengbao.Ledger.Balance;

/// <summary>Which balance (domain.md §1.7).</summary>
public enum BalanceKind
{
    /// <summary>占补平衡: cultivated land occupied by construction vs newly created cultivated land.</summary>
    OccupationCompensation,

    /// <summary>进出平衡: cultivated land turned into other agricultural land vs other agricultural land turned back.</summary>
    InOut,
}

/// <summary>One balance of one unit and year, m². <see cref="Shortfall"/> &gt; 0 is flagged.</summary>
/// <param name="UnitCode">12-digit XZQDM.</param>
/// <param name="UnitName">XZQMC.</param>
/// <param name="Year">Survey year.</param>
/// <param name="Kind">Which balance.</param>
/// <param name="Out">Cultivated land that left (to construction, or to other agricultural land).</param>
/// <param name="In">Cultivated land that came in to balance it.</param>
/// <param name="Recorded">占补 only: area of the supplementary projects recorded for the year (补充耕地指标), for comparison with what the survey saw.</param>
public sealed record BalanceCheck(string UnitCode, string UnitName, int Year, BalanceKind Kind, decimal Out, decimal In, decimal? Recorded)
{
    /// <summary>Out − In when positive, else 0.</summary>
    public decimal Shortfall => Math.Max(0m, Out - In);

    /// <summary>True when In covers Out.</summary>
    public bool Balanced => Shortfall == 0m;

    /// <summary>
    /// The two balances of a ledger; null when the ledger has no flows (comparison missing).
    /// 占补: Out = outflow to construction; In = inflow from construction and other (unused, reclaimed) land, i.e. cultivated
    /// land newly created rather than taken back from agriculture. 进出: Out and In = outflow / inflow of forest, garden,
    /// grassland, ponds and facility land.
    /// </summary>
    public static IReadOnlyList<BalanceCheck>? Of(UnitLedger ledger)
    {
        if (ledger.Inflow is not { } inflow || ledger.Outflow is not { } outflow)
        {
            return null;
        }
        return
        [
            new(ledger.UnitCode, ledger.UnitName, ledger.Year, BalanceKind.OccupationCompensation,
                outflow[FlowClass.Construction], inflow[FlowClass.Construction] + inflow[FlowClass.Other], ledger.SupplementaryProjects),
            new(ledger.UnitCode, ledger.UnitName, ledger.Year, BalanceKind.InOut, outflow.OtherAgricultural, inflow.OtherAgricultural, null),
        ];
    }
}
