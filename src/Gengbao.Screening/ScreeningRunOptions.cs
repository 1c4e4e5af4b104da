namespace Gengbao.Screening;

/// <summary>How <see cref="ScreeningPipeline"/> divides the work.</summary>
public sealed record ScreeningRunOptions
{
    /// <summary>Workers, each reading and screening one batch at a time (≥ 1). Results do not depend on it.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Change patches per batch. A batch's reference features are read once and held in memory together with the
    /// next batch's, so this bounds memory on a prefecture; results do not depend on it.
    /// </summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>
    /// When set, only the batches <c>i</c> with <c>i % Count == Index</c> are screened, the batches being cut as for
    /// <c>Count</c> workers: one of <c>Count</c> processes sharing a run. The parts' results together are the whole
    /// run's, each patch once.
    /// </summary>
    public (int Index, int Count)? Part { get; init; }

    /// <summary>Told the number of patches screened so far after each batch (from a worker thread, one report at a time, never decreasing).</summary>
    public IProgress<int>? Progress { get; init; }
}
