using NetTopologySuite.Geometries;

namespace Gengbao.Ledger.Optimisation;

/// <summary>
/// What the PBF optimisation reads for one county and survey year. All overlay geometries are in CGCS2000
/// longitude/latitude (EPSG:4490); <see cref="PbfParcel.Shape"/> alone is metric.
/// </summary>
/// <param name="Parcels">Every PBF parcel of the county and year (contiguity is formed over all of them).</param>
/// <param name="SteepCultivated">Cultivated DLTB patches of slope grade 5 (GDPDJB, &gt; 25°, domain.md §1.5).</param>
/// <param name="Cultivated">Cultivated DLTB patches (0101/0102/0103) that may meet high-standard farmland.</param>
/// <param name="HighStandard">High-standard farmland projects (GBZNT) of the county and year.</param>
/// <param name="Exclusions">Polluted or fragile areas from given layers (may be empty).</param>
public sealed record PbfOptimisationInput(
    IReadOnlyList<PbfParcel> Parcels,
    IReadOnlyList<Geometry> SteepCultivated,
    IReadOnlyList<Geometry> Cultivated,
    IReadOnlyList<HighStandardProject> HighStandard,
    IReadOnlyList<ExclusionLayer> Exclusions);
