namespace Gengbao.Storage.OneMap;

/// <summary>Progress of one layer: features read so far and the total when the source knows it.</summary>
public sealed record ImportProgress(string Layer, long Done, long? Total, string Stage);
