using Gengbao.Import.Validation;

namespace Gengbao.Storage.OneMap;

/// <summary>What an import wrote: one entry per layer and county version, plus the problems that were skipped.</summary>
public sealed record ImportResult(IReadOnlyList<ImportedLayer> Layers, IReadOnlyList<ImportProblem> Skipped)
{
    /// <summary>Screening runs the import queued for new, changed or touched change patches (docs/screening.md).</summary>
    public IReadOnlyList<Screening.QueuedRun> ScreeningRuns { get; init; } = [];
}

/// <summary>A layer version written for one county and year.</summary>
public sealed record ImportedLayer(string Layer, string SourceLayer, string CountyCode, int Year, long VersionId, long FeatureCount, long? ReplacedVersionId);
