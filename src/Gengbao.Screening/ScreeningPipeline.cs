using NetTopologySuite.Geometries;

namespace Gengbao.Screening;

/// <summary>
/// Screens every change patch of an <see cref="IScreeningSource"/> in spatially coherent batches: the patches' boxes
/// are sorted along a Hilbert curve and cut into batches of up to <see cref="ScreeningRunOptions.BatchSize"/>; for each batch
/// the source reads the patches and the reference features near them once; the next batch is read while the current
/// one is screened. Memory is bounded by two batches plus the results, whatever the size of the area.
/// </summary>
public static class ScreeningPipeline
{
    /// <summary>
    /// All results, ordered by <see cref="PatchScreening.MonitoringNumber"/> (ordinal), then id. Exceptions of the
    /// source and <see cref="ScreeningInputException"/> propagate unchanged.
    /// </summary>
    public static IReadOnlyList<PatchScreening> Run(IScreeningSource source, ScreeningEngine engine, ScreeningRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(engine);
        options ??= new ScreeningRunOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);

        var batches = Batches(source.ReadChangePatchBoxes(), options.BatchSize);
        var results = new List<PatchScreening>();
        Task<Batch>? next = batches.Count > 0 ? Task.FromResult(Load(source, batches[0])) : null;
        for (var k = 0; k < batches.Count; k++)
        {
            var batch = next!.GetAwaiter().GetResult();
            var following = k + 1 < batches.Count ? batches[k + 1] : null;
            next = following is null ? null : Task.Run(() => Load(source, following), cancellationToken);
            try
            {
                results.AddRange(engine.Screen(batch.Patches, batch.Layers, options.Threads, cancellationToken));
            }
            catch
            {
                // Let a read in flight finish before the caller disposes the source under it.
                next?.ContinueWith(static _ => { }, TaskScheduler.Default).Wait(CancellationToken.None);
                throw;
            }
            options.Progress?.Report(results.Count);
        }
        results.Sort(static (a, b) =>
        {
            var byNumber = string.CompareOrdinal(a.MonitoringNumber, b.MonitoringNumber);
            return byNumber != 0 ? byNumber : a.Id.CompareTo(b.Id);
        });
        return results;
    }

    private sealed record Batch(IReadOnlyList<ChangePatch> Patches, ScreeningLayers Layers);

    private static Batch Load(IScreeningSource source, List<(long Id, Envelope Box)> boxes)
    {
        var patches = source.ReadChangePatches(boxes.Select(b => b.Id).ToList());
        // Candidates are found from the patches' real envelopes; an index's box may be rounded outwards, never inwards.
        var layers = source.ReadReferenceLayers(patches.Select(p => p.Geometry.EnvelopeInternal).ToList());
        return new Batch(patches, layers);
    }

    /// <summary>
    /// Boxes in Hilbert order of their centres (ties by id), cut into runs of <paramref name="size"/>. The first runs
    /// are shorter (size/16, size/8, … doubling) so the workers start while the reader is still at the beginning.
    /// </summary>
    internal static List<List<(long Id, Envelope Box)>> Batches(IReadOnlyList<(long Id, Envelope Box)> boxes, int size)
    {
        var extent = new Envelope();
        foreach (var (_, box) in boxes)
        {
            extent.ExpandToInclude(box);
        }
        var keyed = boxes.Select(b => (Key: HilbertKey(b.Box.Centre, extent), b.Id, b.Box)).ToList();
        keyed.Sort(static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Id.CompareTo(b.Id));
        var batches = new List<List<(long Id, Envelope Box)>>();
        var next = Math.Max(1, size / 16);
        for (var start = 0; start < keyed.Count; start += next, next = Math.Min(size, 2 * next))
        {
            batches.Add(keyed.GetRange(start, Math.Min(next, keyed.Count - start)).ConvertAll(k => (k.Id, k.Box)));
        }
        return batches;
    }

    /// <summary>Position of a point along a 2¹⁶ × 2¹⁶ Hilbert curve over <paramref name="extent"/>.</summary>
    internal static ulong HilbertKey(Coordinate point, Envelope extent)
    {
        const int Order = 16;
        const double Cells = (1 << Order) - 1;
        var x = (uint)(extent.Width > 0 ? Math.Clamp((point.X - extent.MinX) / extent.Width, 0, 1) * Cells : 0);
        var y = (uint)(extent.Height > 0 ? Math.Clamp((point.Y - extent.MinY) / extent.Height, 0, 1) * Cells : 0);
        ulong key = 0;
        for (var s = 1u << (Order - 1); s > 0; s >>= 1)
        {
            var rx = (x & s) > 0 ? 1u : 0u;
            var ry = (y & s) > 0 ? 1u : 0u;
            key += (ulong)s * s * ((3 * rx) ^ ry);
            if (ry == 0)
            {
                if (rx == 1)
                {
                    x = s - 1 - x;
                    y = s - 1 - y;
                }
                (x, y) = (y, x);
            }
        }
        return key;
    }
}
