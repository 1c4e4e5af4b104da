namespace Gengbao.Exchange.Catalog;

/// <summary>
/// The shared list of seed 000 (陕自然资发〔2024〕11号 §二(一)), as migration 0008 seeds <c>exchange_catalog_item</c>.
/// Deadlines: 30 days after the annual update (§二(三)); monitoring and rectification data twice a year (§二(二)).
/// The layer names and required fields follow the one-map import schemas (docs/data-model.md); the agriculture
/// datasets that are not one-map layers name the layer and fields their national databases use.
/// </summary>
public static class SharedCatalog
{
    private const ExchangeDirection ToAgri = ExchangeDirection.NaturalResourcesToAgriculture;
    private const ExchangeDirection ToNr = ExchangeDirection.AgricultureToNaturalResources;

    public static IReadOnlyList<CatalogItem> Items { get; } =
    [
        new("land-survey", "第三次全国国土调查及年度变更调查数据", ToAgri, Departments.NaturalResources, DeliveryFrequency.Annual, 30,
            [new("DLTB", ["BSM", "DLBM", "ZLDWDM", "TBMJ"]), new("XZQ", ["XZQDM", "XZQMC"])], true),
        new("farmland-change-monitoring", "季度监测疑似耕地变化数据", ToAgri, Departments.NaturalResources, DeliveryFrequency.HalfYearly, 30,
            [new("BHTB", ["JCBH", "TBMJ"])], true),
        new("three-zones-farmland", "“三区三线”划定的耕地和永久基本农田数据", ToAgri, Departments.NaturalResources, DeliveryFrequency.Annual, 30,
            [new("YJJBNT", ["DLBM", "ZLDWDM", "TBMJ"])], true),
        new("supplementary-farmland", "补充耕地数据", ToAgri, Departments.NaturalResources, DeliveryFrequency.Annual, 30,
            [new("BCGD", ["XMBH", "XMMC", "BCGDMJ"])], false),
        new("soil-census", "第三次全国土壤普查数据库", ToNr, Departments.Agriculture, DeliveryFrequency.Annual, 30,
            [new("TRPC", ["YDBH", "TL", "YL"])], false),
        new("farmland-quality-grade", "年度耕地质量等级变更调查评价数据", ToNr, Departments.Agriculture, DeliveryFrequency.Annual, 30,
            [new("GDZLDJ", ["DLBM", "ZLDWDM", "ZLDJ"])], false),
        new("high-standard-farmland", "全省高标准农田上图入库数据", ToNr, Departments.Agriculture, DeliveryFrequency.Annual, 30,
            [new("GBZNT", ["XMMC"])], true),
        new("soil-environment-category", "省级耕地土壤环境质量类别动态调整成果", ToNr, Departments.Agriculture, DeliveryFrequency.Annual, 30,
            [new("TRHJLB", ["ZLDWDM", "LB"])], false),
        new("non-grain-pbf-push", "永久基本农田“非粮化”新发现图斑推送", ToAgri, Departments.NaturalResources, DeliveryFrequency.HalfYearly, 30,
            [new("FLHTB", ["JCBH", "TBMJ"])], false),
    ];

    public static CatalogItem? Find(string id) => Items.FirstOrDefault(i => i.Id == id);
}
