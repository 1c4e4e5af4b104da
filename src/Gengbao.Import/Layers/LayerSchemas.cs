using Gengbao.Import.Model;
using static Gengbao.Import.Layers.ColumnKind;

namespace Gengbao.Import.Layers;

/// <summary>The mapping of every one-map layer: field codes as TD/T 1057-2020 and the sample data name them.</summary>
public static class LayerSchemas
{
    public static readonly LayerSchema Xzq = new(LayerKind.Xzq, "XZQ", "行政区", ["XZQ", "CJDCQ", "XZQH"],
    [
        new("XZQDM", AdminCode, Required: true, Identifier: true),
        new("XZQMC", Text, Required: true),
        new("JB", Integer),
        new("SJDM", AdminCode),
    ]);

    public static readonly LayerSchema Dltb = new(LayerKind.Dltb, "DLTB", "地类图斑", ["DLTB"],
    [
        new("BSM", Text, Required: true, Identifier: true),
        new("TBBH", Text),
        new("DLBM", LandClassCode, Required: true),
        new("DLMC", Text),
        new("QSXZ", Text),
        new("QSDWDM", AdminCode),
        new("QSDWMC", Text),
        new("ZLDWDM", AdminCode, Required: true),
        new("ZLDWMC", Text),
        new("TBMJ", Numeric, Required: true),
        new("KCDLBM", Text),
        new("KCXS", Numeric, Aliases: "TKXS"),
        new("KCMJ", Numeric, Aliases: "TKMJ"),
        new("TBDLMJ", Numeric),
        new("GDLX", Text),
        new("GDPDJB", Text),
        new("CZCSXM", Text),
        new("SJNF", Integer),
    ]);

    public static readonly LayerSchema Yjjbnt = new(LayerKind.Yjjbnt, "YJJBNT", "永久基本农田", ["YJJBNT", "YJJBNTTB", "JBNTBHTB", "YJJBNTBHTB"],
    [
        new("BSM", Text, Identifier: true),
        new("JBNTTBBH", Text),
        new("DLBM", LandClassCode),
        new("ZLDWDM", AdminCode, Required: true),
        new("TBMJ", Numeric, Required: true),
    ]);

    public static readonly LayerSchema Gbznt = new(LayerKind.Gbznt, "GBZNT", "高标准农田", ["GBZNT", "GBZNTXM", "GBZNTXMQ"],
    [
        new("XMBH", Text),
        new("XMMC", Text, Required: true),
        new("JSND", Integer),
        new("MJ", Numeric, Aliases: "JSMJ"),
    ]);

    public static readonly LayerSchema Pzyd = new(LayerKind.Pzyd, "PZYD", "批准用地", ["PZYD"],
    [
        new("PZWH", Text, Required: true),
        new("PZLX", Text),
        new("PZRQ", Date),
        new("PZMJ", Numeric),
    ]);

    public static readonly LayerSchema Bhtb = new(LayerKind.Bhtb, "BHTB", "变化图斑", ["BHTB", "WPTB", "JCTB"],
    [
        new("JCBH", Text, Required: true, Identifier: true),
        new("LY", Text),
        new("QSXDL", LandClassCode),
        new("HSXDL", LandClassCode),
        new("TBMJ", Numeric),
        new("QSX", Date),
        new("HSX", Date),
    ]);

    public static IReadOnlyList<LayerSchema> All { get; } = [Xzq, Dltb, Yjjbnt, Gbznt, Pzyd, Bhtb];

    public static LayerSchema Of(LayerKind kind) => All.First(s => s.Kind == kind);

    /// <summary>The schema whose code or alias is <paramref name="name"/> (case-insensitive), e.g. "DLTB" or "YJJBNTTB".</summary>
    public static LayerSchema? ByName(string name)
    {
        foreach (var schema in All)
        {
            if (schema.Names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
            {
                return schema;
            }
        }
        return null;
    }

    /// <summary>
    /// The schema a source layer name identifies: an exact code, or a code followed by a separator and a suffix
    /// such as "DLTB_2023" or "YJJBNTTB-临夏县". Null when the name says nothing we know.
    /// </summary>
    public static LayerSchema? Detect(string layerName)
    {
        var exact = ByName(layerName);
        if (exact is not null)
        {
            return exact;
        }
        var head = new string(layerName.TakeWhile(char.IsAsciiLetter).ToArray());
        return head.Length < layerName.Length && head.Length > 0 ? ByName(head) : null;
    }
}
