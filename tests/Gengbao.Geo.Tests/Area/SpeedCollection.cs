namespace Gengbao.Geo.Tests.Area;

/// <summary>Timing tests run alone, after the parallel ones, so other tests do not share their cores.</summary>
[CollectionDefinition(nameof(SpeedCollection), DisableParallelization = true)]
public sealed class SpeedCollection;
