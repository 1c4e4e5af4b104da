using Gengbao.Geo.Crs;
using Gengbao.Screening.Internal;

namespace Gengbao.Screening;

/// <summary>
/// The smart screening of change patches (智能预判, domain.md §8.3 step 2): for each patch its area and its overlap
/// with cultivated land, permanent basic farmland, high-standard farmland and the union of approvals, then the
/// green/yellow class of <see cref="ScreeningRules"/>, the non-agricultural/non-grain tags and a reason naming the
/// approvals. Reproduces shared/data/anchor_postgis_screen.sql (docs/screening.md). Pure: no I/O, no clock.
/// Thread-safe; one instance can serve many batches.
/// </summary>
public sealed class ScreeningEngine
{
    private readonly AreaMeter _meter;

    /// <summary>An engine for geometries in <paramref name="zone"/> (all layers must share it).</summary>
    public ScreeningEngine(GaussKrugerZone zone, ScreeningRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
        Rules = rules ?? ScreeningRules.Default;
        _meter = new AreaMeter(zone, Rules.AreaMethod);
    }

    /// <summary>The Gauss–Krüger zone of every input geometry.</summary>
    public GaussKrugerZone Zone { get; }

    /// <summary>The rule in force.</summary>
    public ScreeningRules Rules { get; }

    /// <summary>
    /// Build every overlap piece with OverlayNG, never measure one without building it (the reference path, for
    /// tests that check the measured areas against it).
    /// </summary>
    internal bool OverlaysOnly { get; init; }

    /// <summary>
    /// Screens <paramref name="patches"/> against <paramref name="layers"/> on up to <paramref name="threads"/> threads
    /// and returns one result per patch, in the order of <paramref name="patches"/>. Each patch is computed from its own
    /// candidates only, so the results are identical for every thread count and for every way of cutting the patches
    /// into batches, as long as each batch's layers hold every feature whose envelope meets one of its patches.
    /// Throws <see cref="ScreeningInputException"/> for a patch with an empty, non-polygonal or invalid geometry, and
    /// for a reference feature that is invalid where it meets a patch (the lowest patch index wins, so the error does
    /// not depend on thread timing either).
    /// </summary>
    public IReadOnlyList<PatchScreening> Screen(IReadOnlyList<ChangePatch> patches, ScreeningLayers layers, int threads = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patches);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var index = new BatchIndex(layers);
        var results = new PatchScreening[patches.Count];
        var errors = new ScreeningInputException?[patches.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        Parallel.For(0, patches.Count, options, i =>
        {
            try
            {
                results[i] = PatchOverlayOp.Screen(patches[i], index, _meter, Rules, OverlaysOnly);
            }
            catch (ScreeningInputException e)
            {
                errors[i] = e;
            }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } first)
        {
            throw first;
        }
        return results;
    }

    /// <summary>Screens a single patch; see <see cref="Screen(IReadOnlyList{ChangePatch}, ScreeningLayers, int, CancellationToken)"/>.</summary>
    public PatchScreening Screen(ChangePatch patch, ScreeningLayers layers) => Screen([patch], layers)[0];
}
