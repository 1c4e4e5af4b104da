namespace Gengbao.Storage.Tiles;

/// <summary>
/// One tiled layer as <c>/tiles/layers.json</c> lists it: survey years with current data, newest first, and the lowest
/// tile zoom it is served at (<see cref="TileLayer.MinZoom"/>).
/// </summary>
public sealed record TileLayerInfo(string Id, string Title, IReadOnlyList<int> Years, int MinZoom);

/// <summary>The tiled layers and the data extent in CGCS2000 lon/lat [west, south, east, north] (null when empty).</summary>
public sealed record TileCatalog(IReadOnlyList<TileLayerInfo> Layers, double[]? Extent);
