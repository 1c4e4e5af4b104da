namespace Gengbao.Storage.Ogc;

/// <summary>
/// One one-map layer served as an OGC API – Features collection: its id in URLs, the table, the layer code in
/// <c>layer_version</c> and a title.
/// </summary>
public sealed record OgcCollection(string Id, string Table, string LayerCode, string Title, string Description)
{
    /// <summary>The six one-map layers, in the order the landing page lists them.</summary>
    public static IReadOnlyList<OgcCollection> All { get; } =
    [
        new("dltb", "dltb", "DLTB", "地类图斑 DLTB", "Land-use patches of the land survey and its annual change survey"),
        new("yjjbnt", "yjjbnt", "YJJBNT", "永久基本农田 YJJBNT", "Permanent basic farmland (PBF) patches"),
        new("gbznt", "gbznt", "GBZNT", "高标准农田 GBZNT", "High-standard farmland projects"),
        new("pzyd", "pzyd", "PZYD", "批准用地 PZYD", "Approved construction land"),
        new("bhtb", "bhtb", "BHTB", "变化图斑 BHTB", "Change patches of monitoring (suspected farmland changes)"),
        new("xzq", "admin_unit", "XZQ", "行政区 XZQ", "Administrative units (county, township, village)"),
    ];

    public static OgcCollection? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
