using NetTopologySuite.Geometries;
using static Gengbao.Screening.Tests.ScreeningTestCase;

namespace Gengbao.Screening.Tests;

/// <summary>Batching: whatever the batch size, every patch is screened once, against its own neighbourhood, in JCBH order.</summary>
public sealed class ScreeningPipelineTest
{
    [Fact]
    public void BatchSizeAndThreadsDoNotChangeResults()
    {
        var source = new GridSource(columns: 12, rows: 9);
        var engine = new ScreeningEngine(Zone);

        var whole = ScreeningPipeline.Run(source, engine, new ScreeningRunOptions { BatchSize = 10_000 });
        var small = ScreeningPipeline.Run(source, engine, new ScreeningRunOptions { BatchSize = 7, Threads = 3 });
        var concurrent = new GridSource(columns: 12, rows: 9) { Concurrent = true };
        var readTogether = ScreeningPipeline.Run(concurrent, engine, new ScreeningRunOptions { BatchSize = 5, Threads = 4 });

        Assert.Equal(108, whole.Count);
        Assert.Equal(whole.Select(r => r.MonitoringNumber).Order(StringComparer.Ordinal), whole.Select(r => r.MonitoringNumber));
        Assert.Equal(whole, small, ScreeningEngineTest.ResultComparer.Instance);
        Assert.Equal(whole, readTogether, ScreeningEngineTest.ResultComparer.Instance);
        Assert.Equal(108, concurrent.PatchesRead);
        Assert.Contains(whole, r => r.Class == ScreeningClass.Green);
        Assert.Contains(whole, r => r.Class == ScreeningClass.Yellow);
    }

    [Fact]
    public void PartsTogetherAreTheWholeRunEachPatchOnce()
    {
        var source = new GridSource(columns: 12, rows: 9);
        var engine = new ScreeningEngine(Zone);
        var whole = ScreeningPipeline.Run(source, engine, new ScreeningRunOptions { BatchSize = 7 });

        var parts = Enumerable.Range(0, 3)
            .Select(k => ScreeningPipeline.Run(source, engine, new ScreeningRunOptions { BatchSize = 7, Part = (k, 3) })).ToList();
        var merged = parts.SelectMany(p => p).OrderBy(r => r.MonitoringNumber, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();

        Assert.All(parts, p => Assert.InRange(p.Count, 20, 52)); // every other third of the batches: none empty, none all
        Assert.Equal(whole, merged, ScreeningEngineTest.ResultComparer.Instance);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScreeningPipeline.Run(source, engine, new ScreeningRunOptions { Part = (3, 3) }));
    }

    [Fact]
    public void EachBatchAsksOnlyForItsOwnPatchesAndTheirNeighbourhood()
    {
        var source = new GridSource(columns: 20, rows: 20);
        ScreeningPipeline.Run(source, new ScreeningEngine(Zone), new ScreeningRunOptions { BatchSize = 50 });

        // 50 at a time while at least 100 are left (7 batches), then half of what is left (25, 13, 6, 3, 3).
        Assert.Equal(12, source.BatchesRead);
        Assert.Equal(400, source.PatchesRead);
        Assert.Equal(50, source.MaxPatchesPerBatch);
        // Hilbert order keeps a batch compact: far fewer reference parcels than patches per batch would touch if scattered.
        Assert.True(source.MaxParcelsPerBatch <= 100, $"a batch read {source.MaxParcelsPerBatch} parcels");
    }

    [Fact]
    public void BatchesShrinkTowardsTheEndSoWorkersFinishTogether()
    {
        var boxes = Enumerable.Range(0, 4923).Select(i => ((long)i, new Envelope(i % 70, i % 70 + 1, i / 70, i / 70 + 1))).ToList();

        var sizes = ScreeningPipeline.Batches(boxes, size: 1024, threads: 2).ConvertAll(b => b.Count);

        Assert.Equal(4923, sizes.Sum());
        Assert.Equal(1024, sizes[0]);
        Assert.True(sizes.Zip(sizes.Skip(1)).All(p => p.Second <= p.First), string.Join(", ", sizes));
        Assert.True(sizes[^2] <= 64, string.Join(", ", sizes)); // the last ones are a sixteenth of a batch at most
        Assert.Equal(boxes.Select(b => b.Item1).Order(), ScreeningPipeline.Batches(boxes, 1024, 2).SelectMany(b => b).Select(b => b.Id).Order());
    }

    [Fact]
    public void AFailingBatchFailsTheRunWithItsOwnError()
    {
        var source = new GridSource(columns: 12, rows: 9) { FailOnBatch = 3 };

        var error = Assert.Throws<InvalidOperationException>(() =>
            ScreeningPipeline.Run(source, new ScreeningEngine(Zone), new ScreeningRunOptions { BatchSize = 10, Threads = 2 }));

        Assert.Equal("batch 3 unreadable", error.Message);
    }

    [Fact]
    public void HilbertKeysVisitNeighboursConsecutively()
    {
        var extent = new Envelope(0, 3, 0, 3);
        var keys = new[] { (0, 0), (1, 0), (0, 1), (3, 3) }
            .Select(p => ScreeningPipeline.HilbertKey(new Coordinate(p.Item1, p.Item2), extent)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.True(keys[3] > keys[0]);
    }

    /// <summary>
    /// A grid of 40 m × 40 m cells, cultivated in a checkerboard, each with a 20 m change patch in its middle, and an
    /// approval over every third patch. Counts what the pipeline asks for.
    /// </summary>
    private sealed class GridSource(int columns, int rows) : IScreeningSource
    {
        private readonly List<ChangePatch> _patches = Enumerable.Range(0, columns * rows).Select(i =>
        {
            var (x, y) = (i % columns * 40, i / columns * 40);
            return new ChangePatch(i + 1, $"J{(i * 7919) % (columns * rows):00000}",
                Read($"POLYGON(({x + 10} {y + 10},{x + 30} {y + 10},{x + 30} {y + 30},{x + 10} {y + 30},{x + 10} {y + 10}))"), "0103", "0702");
        }).ToList();

        private readonly List<LandPatch> _land = Enumerable.Range(0, columns * rows).Select(i =>
        {
            var (x, y) = (i % columns * 40, i / columns * 40);
            return new LandPatch(i + 1, (i % columns + i / columns) % 2 == 0 ? "0103" : "0301",
                Read($"POLYGON(({x} {y},{x + 40} {y},{x + 40} {y + 40},{x} {y + 40},{x} {y}))"));
        }).ToList();

        private readonly List<Approval> _approvals = Enumerable.Range(0, columns * rows).Where(i => i % 3 == 0).Select(i =>
        {
            var (x, y) = (i % columns * 40, i / columns * 40);
            return new Approval(i + 1, $"A{i}", "NZY", Read($"POLYGON(({x + 5} {y + 5},{x + 35} {y + 5},{x + 35} {y + 35},{x + 5} {y + 35},{x + 5} {y + 5}))"));
        }).ToList();

        private int _batchesRead;
        private int _patchesRead;

        public int BatchesRead => _batchesRead;

        public int PatchesRead => _patchesRead;

        public int MaxParcelsPerBatch { get; private set; }

        public int MaxPatchesPerBatch { get; private set; }

        public IReadOnlyList<(long Id, Envelope Box)> ReadChangePatchBoxes() =>
            _patches.Select(p => (p.Id, p.Geometry.EnvelopeInternal)).Reverse().ToList();

        public int? FailOnBatch { get; init; }

        public bool Concurrent { get; init; }

        public bool ReadsConcurrently => Concurrent;

        public IReadOnlyList<ChangePatch> ReadChangePatches(IReadOnlyCollection<long> ids)
        {
            var batch = Interlocked.Increment(ref _batchesRead);
            if (batch == FailOnBatch)
            {
                throw new InvalidOperationException($"batch {batch} unreadable");
            }
            Interlocked.Add(ref _patchesRead, ids.Count);
            MaxPatchesPerBatch = Math.Max(MaxPatchesPerBatch, ids.Count);
            return _patches.Where(p => ids.Contains(p.Id)).ToList();
        }

        public ScreeningLayers ReadReferenceLayers(IReadOnlyList<Envelope> boxes)
        {
            bool Near(Geometry g) => boxes.Any(b => b.Intersects(g.EnvelopeInternal));
            var land = _land.Where(l => Near(l.Geometry)).ToList();
            MaxParcelsPerBatch = Math.Max(MaxParcelsPerBatch, land.Count);
            return new ScreeningLayers(land, [], [], _approvals.Where(a => Near(a.Geometry)).ToList());
        }
    }
}
