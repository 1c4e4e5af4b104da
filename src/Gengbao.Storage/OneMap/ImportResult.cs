using Gengbao.Import.Validation;

namespace Gengbao.Storage.OneMap;

/// <summary>What an import wrote: one entry per layer and county version, plus the problems that were skipped.</summary>
public sealed record ImportResult(IReadOnlyList<ImportedLayer> Layers, IReadOnlyList<ImportProblem> Skipped);

/// <summary>A layer version written for one county and year.</summary>
public sealed record ImportedLayer(string Layer, string SourceLayer, string CountyCode, int Year, long VersionId, long FeatureCount, long? ReplacedVersionId);
