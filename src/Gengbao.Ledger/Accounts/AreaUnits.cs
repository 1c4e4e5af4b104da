namespace Gengbao.Ledger.Accounts;

/// <summary>
/// Area units of the bureaus' tables (domain.md §2.3): areas are kept in m² (2 decimals); 1 亩 = 10000/15 m², 1 万亩 =
/// 10 000 亩. Rounding is half away from zero, as the 三调 tables do: m² 2 decimals, 亩 2 decimals, 万亩 4 decimals.
/// </summary>
public static class AreaUnits
{
    /// <summary>m² per 亩, exactly 10000/15 (≈ 666.6667).</summary>
    public const decimal SquareMetresPerMu = 10000m / 15m;

    /// <summary>m² rounded to 2 decimals.</summary>
    public static decimal SquareMetres(decimal m2) => Math.Round(m2, 2, MidpointRounding.AwayFromZero);

    /// <summary>亩 = m² × 3 / 2000, rounded to 2 decimals (the multiplication keeps decimal exact).</summary>
    public static decimal Mu(decimal m2) => Math.Round(m2 * 3m / 2000m, 2, MidpointRounding.AwayFromZero);

    /// <summary>万亩 = m² × 3 / 20 000 000, rounded to 4 decimals.</summary>
    public static decimal WanMu(decimal m2) => Math.Round(m2 * 3m / 20_000_000m, 4, MidpointRounding.AwayFromZero);

    /// <summary>m² from 万亩 (targets are set in 万亩, e.g. Linxia's 369.51 万亩 cultivated land).</summary>
    public static decimal FromWanMu(decimal wanMu) => SquareMetres(wanMu * 20_000_000m / 3m);

    /// <summary>m² from 亩.</summary>
    public static decimal FromMu(decimal mu) => SquareMetres(mu * 2000m / 3m);
}
