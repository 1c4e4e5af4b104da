namespace Gengbao.Demo;

/// <summary>Progress of <see cref="DemoPrefecture.WriteGeoPackages"/>.</summary>
/// <param name="Stage">"divisions" (the administrative hierarchy), "villages" (patches streamed) or "layers" (the rest written).</param>
/// <param name="Done">Units of the stage done (villages for "villages").</param>
/// <param name="Total">Units of the stage in all.</param>
public sealed record DemoProgress(string Stage, int Done, int Total);
