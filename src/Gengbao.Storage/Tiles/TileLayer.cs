using System.Reflection;

namespace Gengbao.Storage.Tiles;

/// <summary>
/// A layer served as Mapbox Vector Tiles: its URL name, the table behind it, the <c>layer_version.layer</c> whose
/// current versions stamp its tiles, its tile SQL (the embedded <c>Tiles/&lt;id&gt;.tile.query.sql</c>) and the lowest
/// zoom it is served at.
/// </summary>
/// <param name="Id">The URL name, lower case.</param>
/// <param name="Table">The table the tile SQL reads.</param>
/// <param name="VersionLayer">The <c>layer_version.layer</c> whose current versions stamp the tiles.</param>
/// <param name="Title">The Chinese title the layer switcher shows.</param>
/// <param name="MinZoom">
/// Below this tile zoom the layer has no tiles (204 without a query): the one map draws the land-use and farmland
/// patches only from view zoom 10 (<c>web/src/map/layers.ts</c>), whose 512-pixel tiles are grid zoom 9 and up, and a
/// zoom-8 tile of them would hold a whole county (30,000 patches, 2 MB, seconds of PostGIS time) for nobody.
/// </param>
public sealed record TileLayer(string Id, string Table, string VersionLayer, string Title, int MinZoom = 0)
{
    /// <summary>Every tiled layer, bottom to top as the one map draws them.</summary>
    public static IReadOnlyList<TileLayer> All { get; } =
    [
        new("admin", "admin_unit", "XZQ", "行政区"),
        new("dltb", "dltb", "DLTB", "地类图斑", MinZoom: 9),
        new("yjjbnt", "yjjbnt", "YJJBNT", "永久基本农田", MinZoom: 9),
        new("gbznt", "gbznt", "GBZNT", "高标准农田"),
        new("pzyd", "pzyd", "PZYD", "批准用地"),
        new("bhtb", "bhtb", "BHTB", "变化图斑"),
    ];

    /// <summary>The layer with this URL name (lower case), or null.</summary>
    public static TileLayer? Find(string id) => All.FirstOrDefault(l => string.Equals(l.Id, id, StringComparison.Ordinal));

    /// <summary>The tile SQL: parameters $1 z, $2 x, $3 y, $4 survey year; one bytea row.</summary>
    public string Sql => _sql ??= ReadSql(Id);

    private string? _sql;

    private static string ReadSql(string id)
    {
        var name = $"Gengbao.Storage.{id}.tile.query.sql";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded tile SQL {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
