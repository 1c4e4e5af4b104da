namespace Gengbao.Ledger.Optimisation;

/// <summary>
/// Thresholds of the PBF optimisation (docs/ledger.md §7). Areas in m², distances in metres.
/// </summary>
public sealed record PbfOptimisationOptions
{
    /// <summary>Two PBF parcels belong to one contiguous block (连片) when they touch or are at most this far apart
    /// (field ridges, ditches and rural roads between parcels). 0 = only touching parcels. Default 5 m.</summary>
    public double GapMetres { get; init; } = 5;

    /// <summary>A parcel is a fragment (细碎地) when its block's official area is below this. Default 1 ha.</summary>
    public decimal MinBlockArea { get; init; } = 10_000m;

    /// <summary>A parcel counts as on steep land or inside a given layer when at least this share of its area is. Default ½.</summary>
    public double MinShareInside { get; init; } = 0.5;

    /// <summary>Lower bounds (m²) of the patch size bins of the statistics, ascending, first 0. Default 0, 1 ha,
    /// 100 亩, 500 亩, 1000 亩.</summary>
    public IReadOnlyList<decimal> SizeBins { get; init; } = [0m, 10_000m, 100 * AreaUnitsMu, 500 * AreaUnitsMu, 1000 * AreaUnitsMu];

    /// <summary>Block areas (m²) for which the share of PBF area in blocks at least that large is reported.
    /// Default 1 ha, 100 亩, 500 亩, 1000 亩.</summary>
    public IReadOnlyList<decimal> ShareThresholds { get; init; } = [10_000m, 100 * AreaUnitsMu, 500 * AreaUnitsMu, 1000 * AreaUnitsMu];

    private const decimal AreaUnitsMu = Accounts.AreaUnits.SquareMetresPerMu;
}
