using Gengbao.Geo.Codes;

namespace Gengbao.Ledger.Accounts;

/// <summary>Builds a <see cref="UnitLedger"/> from the stocks of two years and the unit's rows of the transfer matrix.</summary>
public static class LedgerBuilder
{
    /// <summary>
    /// Inflow is every matrix row from a non-cultivated class to 0101/0102/0103, by <see cref="FlowClasses.Of"/> of the
    /// source; outflow every row from cultivated to non-cultivated, by the destination. Rows between two cultivated
    /// classes (0101 → 0103) move land inside the total and are in neither. <paramref name="transfers"/> null means the
    /// comparison is missing: no flows and no identity, and <paramref name="missing"/> should say so.
    /// </summary>
    public static UnitLedger Build(string unitCode, string unitName, int year, StockAccount stock, int? beforeYear, StockAccount? beforeStock,
        IEnumerable<LandTransfer>? transfers, decimal supplementaryProjects, IReadOnlyList<string> missing)
    {
        if (transfers is null || beforeStock is null)
        {
            return new UnitLedger(unitCode, unitName, year, stock, beforeYear, beforeStock, null, null, null, supplementaryProjects, missing);
        }
        var inflow = new FlowAccount();
        var outflow = new FlowAccount();
        decimal beforeMatrix = 0, afterMatrix = 0;
        foreach (var t in transfers)
        {
            var (from, to) = (LandClass.IsCultivated(t.From), LandClass.IsCultivated(t.To));
            if (from)
            {
                beforeMatrix += t.Area;
            }
            if (to)
            {
                afterMatrix += t.Area;
            }
            if (from && !to)
            {
                outflow.Add(FlowClasses.Of(t.To), t.Area);
            }
            else if (!from && to)
            {
                inflow.Add(FlowClasses.Of(t.From), t.Area);
            }
        }
        var identity = new LedgerIdentity(beforeStock.Cultivated, stock.Cultivated, inflow.Total, outflow.Total, beforeMatrix, afterMatrix);
        return new UnitLedger(unitCode, unitName, year, stock, beforeYear, beforeStock, inflow, outflow, identity, supplementaryProjects, missing);
    }
}
