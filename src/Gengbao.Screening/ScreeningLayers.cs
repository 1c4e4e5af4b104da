namespace Gengbao.Screening;

/// <summary>
/// The reference layers a set of change patches is screened against, all in the same Gauss–Krüger zone. For a large
/// area pass only the features near the patches being screened (<see cref="ScreeningPipeline"/> does).
/// </summary>
/// <param name="Land">Land-use patches (<c>DLTB</c>); only cultivated ones are used.</param>
/// <param name="PermanentBasicFarmland">Permanent basic farmland (<c>YJJBNT</c>), non-overlapping.</param>
/// <param name="HighStandardFarmland">High-standard farmland projects (<c>GBZNT</c>), non-overlapping.</param>
/// <param name="Approvals">Approvals (<c>PZYD</c>), possibly overlapping.</param>
public sealed record ScreeningLayers(
    IReadOnlyList<LandPatch> Land,
    IReadOnlyList<FarmlandPatch> PermanentBasicFarmland,
    IReadOnlyList<FarmlandPatch> HighStandardFarmland,
    IReadOnlyList<Approval> Approvals)
{
    /// <summary>No reference features at all.</summary>
    public static ScreeningLayers Empty { get; } = new([], [], [], []);
}
