namespace Gengbao.Demo.Generation;

/// <summary>The 三调 working-classification codes the demo uses, with their names (docs/domain.md §1.2).</summary>
internal static class LandClass
{
    public const string Paddy = "0101";
    public const string Irrigated = "0102";
    public const string Dry = "0103";
    public const string Orchard = "0201";
    public const string OtherGarden = "0204";
    public const string Arbor = "0301";
    public const string Shrub = "0305";
    public const string OtherForest = "0307";
    public const string OtherGrass = "0404";
    public const string Commercial = "05H1";
    public const string Logistics = "0508";
    public const string Industrial = "0601";
    public const string Mining = "0602";
    public const string UrbanResidential = "0701";
    public const string Homestead = "0702";
    public const string Government = "08H1";
    public const string Education = "08H2";
    public const string Park = "0810";
    public const string Highway = "1003";
    public const string TownRoad = "1004";
    public const string RuralRoad = "1006";
    public const string River = "1101";
    public const string Reservoir = "1103";
    public const string Pond = "1104";
    public const string Ditch = "1107";
    public const string Facility = "1202";
    public const string BareSoil = "1206";
    public const string BareRock = "1207";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [Paddy] = "水田",
        [Irrigated] = "水浇地",
        [Dry] = "旱地",
        [Orchard] = "果园",
        [OtherGarden] = "其他园地",
        [Arbor] = "乔木林地",
        [Shrub] = "灌木林地",
        [OtherForest] = "其他林地",
        [OtherGrass] = "其他草地",
        [Commercial] = "商业服务业设施用地",
        [Logistics] = "物流仓储用地",
        [Industrial] = "工业用地",
        [Mining] = "采矿用地",
        [UrbanResidential] = "城镇住宅用地",
        [Homestead] = "农村宅基地",
        [Government] = "机关团体新闻出版用地",
        [Education] = "科教文卫用地",
        [Park] = "公园与绿地",
        [Highway] = "公路用地",
        [TownRoad] = "城镇村道路用地",
        [RuralRoad] = "农村道路",
        [River] = "河流水面",
        [Reservoir] = "水库水面",
        [Pond] = "坑塘水面",
        [Ditch] = "沟渠",
        [Facility] = "设施农用地",
        [BareSoil] = "裸土地",
        [BareRock] = "裸岩石砾地",
    };

    public static string NameOf(string code) => Names[code];

    /// <summary>Cultivated land: 0101, 0102, 0103 (docs/domain.md §1.3).</summary>
    public static bool IsCultivated(string code) => code is Paddy or Irrigated or Dry;

    public static bool IsWater(string code) => code is River or Reservoir;
}
