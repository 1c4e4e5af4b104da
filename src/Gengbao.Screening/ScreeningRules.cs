namespace Gengbao.Screening;

/// <summary>
/// The configurable screening rule (docs/screening.md). A change patch is <see cref="ScreeningClass.Green"/> when its
/// cultivated overlap rounds to 0.00 m², or when the part not covered by approvals (patch area − approved area) is at
/// most max(<see cref="MinimumUncoveredArea"/>, <see cref="UncoveredShare"/> × patch area); otherwise it is
/// <see cref="ScreeningClass.Yellow"/>. The defaults are those of the PostGIS reference
/// (shared/data/anchor_postgis_screen.sql): 1 m² and 0.5 %.
/// </summary>
public sealed record ScreeningRules
{
    /// <summary>The reference rule: 1 m², 0.5 %, geodesic areas.</summary>
    public static ScreeningRules Default { get; } = new();

    /// <summary>Uncovered area (m²) that is always tolerated, for digitising slivers along approval boundaries.</summary>
    public double MinimumUncoveredArea { get; init; } = 1.0;

    /// <summary>Uncovered share of the patch area that is tolerated (0.005 = 0.5 %).</summary>
    public double UncoveredShare { get; init; } = 0.005;

    /// <summary>How areas are measured; see <see cref="ScreeningAreaMethod"/>.</summary>
    public ScreeningAreaMethod AreaMethod { get; init; } = ScreeningAreaMethod.Geodesic;

    /// <summary>The uncovered area tolerated for a patch of the given area (m²).</summary>
    public double ToleratedUncoveredArea(double patchArea) => Math.Max(MinimumUncoveredArea, UncoveredShare * patchArea);
}
