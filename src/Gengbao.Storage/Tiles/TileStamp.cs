namespace Gengbao.Storage.Tiles;

/// <summary>
/// What a layer's tiles currently depend on: the ids of its current <c>layer_version</c> rows (comma-separated, empty
/// when the layer holds no data) and its latest current survey year (null when none). A new import changes the ids,
/// so an ETag made from them invalidates every cached tile of the layer.
/// </summary>
public sealed record TileStamp(string VersionIds, int? LatestYear);
