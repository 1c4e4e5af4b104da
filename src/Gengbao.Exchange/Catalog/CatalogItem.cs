namespace Gengbao.Exchange.Catalog;

/// <summary>Which way a dataset goes: natural resources (自然资源) to agriculture (农业农村), or back.</summary>
public enum ExchangeDirection
{
    NaturalResourcesToAgriculture,
    AgricultureToNaturalResources,
}

/// <summary>How often a dataset must be delivered (seed 000 §二(二)).</summary>
public enum DeliveryFrequency
{
    /// <summary>At least once a year, within 30 days after the annual update is put into use.</summary>
    Annual,

    /// <summary>Monitoring and rectification data: at least twice a year (one per half year).</summary>
    HalfYearly,
}

/// <summary>
/// A dataset of the shared list (共享清单). <see cref="Layers"/> are the layers a package of it must hold, each with
/// its required fields (the schema checked on receipt); <see cref="OneMapLayers"/> says whether they are one-map layers
/// (loaded through the import path) or a payload kept as delivered.
/// </summary>
public sealed record CatalogItem(
    string Id,
    string Name,
    ExchangeDirection Direction,
    string Owner,
    DeliveryFrequency Frequency,
    int DeadlineDays,
    IReadOnlyList<CatalogLayer> Layers,
    bool OneMapLayers)
{
    /// <summary>The department that receives: the other side of <see cref="Owner"/>.</summary>
    public string Receiver => Direction == ExchangeDirection.NaturalResourcesToAgriculture ? Departments.Agriculture : Departments.NaturalResources;
}

/// <summary>A layer of a catalog item and the fields every feature must carry.</summary>
public sealed record CatalogLayer(string Name, IReadOnlyList<string> RequiredFields);

public static class Departments
{
    public const string NaturalResources = "natural_resources";
    public const string Agriculture = "agriculture";
}
