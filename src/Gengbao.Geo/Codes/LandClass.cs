using System.Collections.Frozen;

namespace Gengbao.Geo.Codes;

/// <summary>
/// The 三调 working classification (工作分类) of land-use codes (<c>DLBM</c>), domain.md §1.2, including the merged H
/// codes (05H1, 08H1, 08H2), the refinements with A (0810A, 1104A, 1107A) and the adjustable K codes (0201K–1104K).
/// Codes are text and compared ordinally after trimming surrounding white space (fixed-width Char(5) fields pad with
/// blanks); letters must be upper case. GB/T 21010 subclasses that 三调 merges (0501–0507, 0801–0808, 0901–0906) and
/// the CZCSXM values 201–205 are not DLBM codes here.
/// </summary>
public static class LandClass
{
    private readonly record struct Entry(string Name, LandUseGroup Group);

    private static readonly FrozenDictionary<string, Entry> Codes = new Dictionary<string, Entry>(StringComparer.Ordinal)
    {
        ["0101"] = new("水田", LandUseGroup.Cultivated),
        ["0102"] = new("水浇地", LandUseGroup.Cultivated),
        ["0103"] = new("旱地", LandUseGroup.Cultivated),
        ["0201"] = new("果园", LandUseGroup.Garden),
        ["0202"] = new("茶园", LandUseGroup.Garden),
        ["0203"] = new("橡胶园", LandUseGroup.Garden),
        ["0204"] = new("其他园地", LandUseGroup.Garden),
        ["0201K"] = new("可调整果园", LandUseGroup.Garden),
        ["0202K"] = new("可调整茶园", LandUseGroup.Garden),
        ["0203K"] = new("可调整橡胶园", LandUseGroup.Garden),
        ["0204K"] = new("可调整其他园地", LandUseGroup.Garden),
        ["0301"] = new("乔木林地", LandUseGroup.Forest),
        ["0302"] = new("竹林地", LandUseGroup.Forest),
        ["0305"] = new("灌木林地", LandUseGroup.Forest),
        ["0307"] = new("其他林地", LandUseGroup.Forest),
        ["0301K"] = new("可调整乔木林地", LandUseGroup.Forest),
        ["0302K"] = new("可调整竹林地", LandUseGroup.Forest),
        ["0307K"] = new("可调整其他林地", LandUseGroup.Forest),
        ["0303"] = new("红树林地", LandUseGroup.Wetland),
        ["0304"] = new("森林沼泽", LandUseGroup.Wetland),
        ["0306"] = new("灌丛沼泽", LandUseGroup.Wetland),
        ["0401"] = new("天然牧草地", LandUseGroup.Grassland),
        ["0403"] = new("人工牧草地", LandUseGroup.Grassland),
        ["0404"] = new("其他草地", LandUseGroup.Grassland),
        ["0403K"] = new("可调整人工牧草地", LandUseGroup.Grassland),
        ["0402"] = new("沼泽草地", LandUseGroup.Wetland),
        ["05H1"] = new("商业服务业设施用地", LandUseGroup.Construction),
        ["0508"] = new("物流仓储用地", LandUseGroup.Construction),
        ["0601"] = new("工业用地", LandUseGroup.Construction),
        ["0602"] = new("采矿用地", LandUseGroup.Construction),
        ["0603"] = new("盐田", LandUseGroup.Wetland),
        ["0701"] = new("城镇住宅用地", LandUseGroup.Construction),
        ["0702"] = new("农村宅基地", LandUseGroup.Construction),
        ["08H1"] = new("机关团体新闻出版用地", LandUseGroup.Construction),
        ["08H2"] = new("科教文卫用地", LandUseGroup.Construction),
        ["0809"] = new("公用设施用地", LandUseGroup.Construction),
        ["0810"] = new("公园与绿地", LandUseGroup.Construction),
        ["0810A"] = new("广场用地", LandUseGroup.Construction),
        ["09"] = new("特殊用地", LandUseGroup.Construction),
        ["1001"] = new("铁路用地", LandUseGroup.Transport),
        ["1002"] = new("轨道交通用地", LandUseGroup.Transport),
        ["1003"] = new("公路用地", LandUseGroup.Transport),
        ["1004"] = new("城镇村道路用地", LandUseGroup.Transport),
        ["1005"] = new("交通服务场站用地", LandUseGroup.Transport),
        ["1006"] = new("农村道路", LandUseGroup.Other),
        ["1007"] = new("机场用地", LandUseGroup.Transport),
        ["1008"] = new("港口码头用地", LandUseGroup.Transport),
        ["1009"] = new("管道运输用地", LandUseGroup.Transport),
        ["1101"] = new("河流水面", LandUseGroup.Water),
        ["1102"] = new("湖泊水面", LandUseGroup.Water),
        ["1103"] = new("水库水面", LandUseGroup.Water),
        ["1104"] = new("坑塘水面", LandUseGroup.Water),
        ["1104A"] = new("养殖坑塘", LandUseGroup.Water),
        ["1104K"] = new("可调整养殖坑塘", LandUseGroup.Water),
        ["1105"] = new("沿海滩涂", LandUseGroup.Wetland),
        ["1106"] = new("内陆滩涂", LandUseGroup.Wetland),
        ["1107"] = new("沟渠", LandUseGroup.Water),
        ["1107A"] = new("干渠", LandUseGroup.Water),
        ["1108"] = new("沼泽地", LandUseGroup.Wetland),
        ["1109"] = new("水工建筑用地", LandUseGroup.Construction),
        ["1110"] = new("冰川及永久积雪", LandUseGroup.Water),
        ["1201"] = new("空闲地", LandUseGroup.Construction),
        ["1202"] = new("设施农用地", LandUseGroup.Other),
        ["1203"] = new("田坎", LandUseGroup.Other),
        ["1204"] = new("盐碱地", LandUseGroup.Other),
        ["1205"] = new("沙地", LandUseGroup.Other),
        ["1206"] = new("裸土地", LandUseGroup.Other),
        ["1207"] = new("裸岩石砾地", LandUseGroup.Other),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every code of the classification, for validation messages and pick lists.</summary>
    public static IReadOnlyCollection<string> All => Codes.Keys;

    /// <summary>True for a code of the 三调 working classification (after trimming white space).</summary>
    public static bool IsValid(string? dlbm) => Lookup(dlbm) is not null;

    /// <summary>True only for cultivated land 0101 paddy, 0102 irrigated, 0103 dry land (domain.md §1.3); K codes are not.</summary>
    public static bool IsCultivated(string? dlbm) => Lookup(dlbm)?.Group == LandUseGroup.Cultivated;

    /// <summary>True for construction land in the sense of 非农化: <see cref="LandUseGroup.Construction"/> or <see cref="LandUseGroup.Transport"/>.</summary>
    public static bool IsConstruction(string? dlbm) => Lookup(dlbm)?.Group is LandUseGroup.Construction or LandUseGroup.Transport;

    /// <summary>The Chinese name (地类名称, <c>DLMC</c>), or null for an unknown code.</summary>
    public static string? NameOf(string? dlbm) => Lookup(dlbm)?.Name;

    /// <summary>The reporting group; <see cref="LandUseGroup.Unknown"/> for an unknown code.</summary>
    public static LandUseGroup GroupOf(string? dlbm) => Lookup(dlbm)?.Group ?? LandUseGroup.Unknown;

    /// <summary>
    /// Classifies a change from <paramref name="before"/> to <paramref name="after"/> (domain.md §1.6): the same code
    /// is <see cref="ChangeKind.None"/>; cultivated land becoming construction or transport land (1006 rural road
    /// excepted) is <see cref="ChangeKind.NonAgricultural"/>; cultivated land becoming garden, forest, grassland, a
    /// pond (1104, 1104A, 1104K) or facility agricultural land (1202) is <see cref="ChangeKind.NonGrain"/>; everything
    /// else, including 0101 → 0103, is <see cref="ChangeKind.Other"/>. Approvals and planting attributes are not seen
    /// here. <see cref="ArgumentException"/> for a code outside the classification.
    /// </summary>
    public static ChangeKind ClassifyChange(string before, string after)
    {
        var from = Lookup(before) ?? throw new ArgumentException($"'{before}' is not a 三调 land-class code", nameof(before));
        var to = Lookup(after) ?? throw new ArgumentException($"'{after}' is not a 三调 land-class code", nameof(after));
        if (before.Trim() == after.Trim())
        {
            return ChangeKind.None;
        }
        if (from.Group != LandUseGroup.Cultivated)
        {
            return ChangeKind.Other;
        }
        var code = after.Trim();
        return to.Group switch
        {
            LandUseGroup.Construction or LandUseGroup.Transport => ChangeKind.NonAgricultural,
            LandUseGroup.Garden or LandUseGroup.Forest or LandUseGroup.Grassland => ChangeKind.NonGrain,
            _ when code is "1104" or "1104A" or "1104K" or "1202" => ChangeKind.NonGrain,
            _ => ChangeKind.Other,
        };
    }

    private static Entry? Lookup(string? dlbm)
    {
        if (dlbm is null)
        {
            return null;
        }
        return Codes.TryGetValue(dlbm.Trim(), out var entry) ? entry : null;
    }
}
