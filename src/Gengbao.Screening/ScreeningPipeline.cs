using NetTopologySuite.Geometries;

namespace Gengbao.Screening;

/// <summary>
/// Screens every change patch of an <see cref="IScreeningSource"/> in spatially coherent batches: the patches' boxes
/// are sorted along a Hilbert curve and cut into batches of at most <see cref="ScreeningRunOptions.BatchSize"/>. Each
/// of <see cref="ScreeningRunOptions.Threads"/> workers takes the next batch, reads its patches and the reference
/// features near them, and screens it, so reading and overlaying share the cores with no thread waiting for a reader
/// (a source that cannot read concurrently is read by one worker at a time while the others screen). Memory is
/// bounded by one batch per worker plus the results, whatever the size of the area.
/// </summary>
public static class ScreeningPipeline
{
    /// <summary>
    /// All results, ordered by <see cref="PatchScreening.MonitoringNumber"/> (ordinal), then id. Exceptions of the
    /// source and <see cref="ScreeningInputException"/> propagate unchanged (the one of the earliest batch when several
    /// fail, so the error does not depend on thread timing).
    /// </summary>
    public static IReadOnlyList<PatchScreening> Run(IScreeningSource source, ScreeningEngine engine, ScreeningRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(engine);
        options ??= new ScreeningRunOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);

        var batches = Batches(source.ReadChangePatchBoxes(), options.BatchSize, options.Part?.Count ?? options.Threads);
        if (options.Part is var (index, count))
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
            batches = [.. batches.Where((_, i) => i % count == index)];
        }
        var screened = new IReadOnlyList<PatchScreening>?[batches.Count];
        var failures = new Exception?[batches.Count];
        var readGate = source.ReadsConcurrently ? null : new object();
        var next = -1;
        var done = 0;
        var stop = false;
        void Work()
        {
            for (int k; !Volatile.Read(ref stop) && (k = Interlocked.Increment(ref next)) < batches.Count;)
            {
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Batch batch;
                    if (readGate is null)
                    {
                        batch = Load(source, batches[k]);
                    }
                    else
                    {
                        lock (readGate)
                        {
                            batch = Load(source, batches[k]);
                        }
                    }
                    screened[k] = engine.Screen(batch.Patches, batch.Layers, 1, cancellationToken);
                    Interlocked.Add(ref done, batch.Patches.Count);
                    if (options.Progress is { } progress)
                    {
                        lock (failures)
                        {
                            progress.Report(Volatile.Read(ref done));
                        }
                    }
                }
                catch (Exception e)
                {
                    failures[k] = e;
                    Volatile.Write(ref stop, true);
                }
            }
        }
        var workers = Enumerable.Range(1, Math.Max(1, Math.Min(options.Threads, batches.Count)) - 1)
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        Work();
        Task.WaitAll([.. workers], CancellationToken.None);
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        var results = new List<PatchScreening>(done);
        foreach (var batch in screened)
        {
            results.AddRange(batch!);
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
    /// Boxes in Hilbert order of their centres (ties by id), cut into consecutive runs. Runs shrink towards the end
    /// (guided scheduling: a run takes 1/(2·<paramref name="threads"/>) of what is left, between <paramref name="size"/>/16
    /// and <paramref name="size"/>) so the workers finish together instead of one screening a last large batch alone.
    /// </summary>
    internal static List<List<(long Id, Envelope Box)>> Batches(IReadOnlyList<(long Id, Envelope Box)> boxes, int size, int threads = 1)
    {
        var extent = new Envelope();
        foreach (var (_, box) in boxes)
        {
            extent.ExpandToInclude(box);
        }
        var keyed = boxes.Select(b => (Key: HilbertKey(b.Box.Centre, extent), b.Id, b.Box)).ToList();
        keyed.Sort(static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Id.CompareTo(b.Id));
        var batches = new List<List<(long Id, Envelope Box)>>();
        var smallest = Math.Max(1, size / 16);
        for (var start = 0; start < keyed.Count;)
        {
            var left = keyed.Count - start;
            var take = Math.Min(left, Math.Clamp((left + 2 * threads - 1) / (2 * threads), smallest, size));
            batches.Add(keyed.GetRange(start, take).ConvertAll(k => (k.Id, k.Box)));
            start += take;
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
