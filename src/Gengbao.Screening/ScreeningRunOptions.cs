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

    /// <summary>Told the number of patches screened so far after each batch (from a worker thread, one report at a time, never decreasing).</summary>
    public IProgress<int>? Progress { get; init; }
}
