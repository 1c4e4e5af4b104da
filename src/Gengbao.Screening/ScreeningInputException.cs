namespace Gengbao.Screening;

/// <summary>
/// A feature the engine cannot screen with (invalid, empty or non-polygonal geometry). Carries the layer role and the
/// feature id so the caller can name file, layer and feature.
/// </summary>
public sealed class ScreeningInputException(ScreeningLayer layer, long featureId, string problem)
    : Exception($"{layer} feature {featureId}: {problem}")
{
    /// <summary>The layer the feature belongs to.</summary>
    public ScreeningLayer Layer { get; } = layer;

    /// <summary>The feature's id in its source (GeoPackage fid).</summary>
    public long FeatureId { get; } = featureId;

    /// <summary>What is wrong, without layer and id, e.g. "invalid geometry: Self-intersection at (34601234.5 3930000.1)".</summary>
    public string Problem { get; } = problem;
}
