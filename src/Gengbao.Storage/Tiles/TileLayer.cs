using System.Reflection;

namespace Gengbao.Storage.Tiles;

/// <summary>
/// A layer served as Mapbox Vector Tiles: its URL name, the table behind it, the <c>layer_version.layer</c> whose
/// current versions stamp its tiles, and its tile SQL (the embedded <c>Tiles/&lt;id&gt;.tile.query.sql</c>).
/// </summary>
public sealed record TileLayer(string Id, string Table, string VersionLayer, string Title)
{
    /// <summary>Every tiled layer, bottom to top as the one map draws them.</summary>
    public static IReadOnlyList<TileLayer> All { get; } =
    [
        new("admin", "admin_unit", "XZQ", "行政区"),
        new("dltb", "dltb", "DLTB", "地类图斑"),
        new("yjjbnt", "yjjbnt", "YJJBNT", "永久基本农田"),
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
