using NetTopologySuite.Geometries;

namespace Gengbao.Ledger.Optimisation;

/// <summary>Why a PBF parcel is proposed for withdrawal (any combination).</summary>
[Flags]
public enum WithdrawReasons
{
    None = 0,

    /// <summary>插花地/细碎地: its contiguous block is smaller than <see cref="PbfOptimisationOptions.MinBlockArea"/>.</summary>
    Fragment = 1,

    /// <summary>Mostly on cultivated land of slope grade 5 (&gt; 25°).</summary>
    SteepSlope = 2,

    /// <summary>Mostly inside a given polluted-land layer.</summary>
    Polluted = 4,

    /// <summary>Mostly inside a given ecologically fragile area layer.</summary>
    Fragile = 8,
}

/// <summary>
/// A PBF parcel proposed for withdrawal. Areas in m² (official, TBMJ); <paramref name="Block"/> numbers the
/// contiguous blocks of the county from 1 in descending area order; shares are 0–1 of the parcel's area;
/// <paramref name="Layers"/> names the given layers that hold it (comma-separated, empty when none).
/// </summary>
public sealed record WithdrawCandidate(
    long Fid, string? Bsm, string VillageCode, decimal OfficialArea, int Block, decimal BlockArea,
    WithdrawReasons Reasons, double SteepShare, string Layers, Geometry Geographic);

/// <summary>
/// The part of a high-standard farmland project on cultivated land (DLTB 0101/0102/0103) outside PBF, proposed for
/// adding to PBF. <paramref name="Area"/> is the official ellipsoidal area (m², 0.01) of that part, parts below
/// 1 m² (boundary slivers) dropped; <paramref name="Geographic"/> is the part in EPSG:4490.
/// </summary>
public sealed record AddCandidate(long ProjectFid, string? ProjectNo, string ProjectName, decimal Area, Geometry Geographic);

/// <summary>Contiguous blocks whose official area is in [<paramref name="From"/>, <paramref name="To"/>) m² (To null = no upper bound).</summary>
public sealed record SizeBin(decimal From, decimal? To, int Blocks, int Parcels, decimal Area);

/// <summary>PBF area in blocks of at least <paramref name="Threshold"/> m², and its share (0–1) of all PBF.</summary>
public sealed record ContiguityShare(decimal Threshold, decimal Area, double Share);

/// <summary>Contiguity of the county's PBF: parcels, blocks, total official area (m²), size bins and shares.</summary>
public sealed record ContiguityStatistics(int Parcels, int Blocks, decimal Area, IReadOnlyList<SizeBin> Bins, IReadOnlyList<ContiguityShare> Shares);

/// <summary>The result of <see cref="PbfOptimisationOp"/> for one county and survey year.</summary>
public sealed record PbfOptimisation(
    PbfOptimisationOptions Options,
    IReadOnlyList<WithdrawCandidate> Withdraw,
    IReadOnlyList<AddCandidate> Add,
    ContiguityStatistics Contiguity)
{
    /// <summary>Σ official area of the withdrawal candidates with the given reason (m²).</summary>
    public decimal WithdrawArea(WithdrawReasons reason) => Withdraw.Where(w => (w.Reasons & reason) != 0).Sum(w => w.OfficialArea);
}
