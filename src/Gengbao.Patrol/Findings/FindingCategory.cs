namespace Gengbao.Patrol.Findings;

/// <summary>What a patrol found (seed 001 三(二)5: 非农建设, 转为林地/园地/草地/坑塘, 撂荒, 设施损毁).</summary>
public enum FindingCategory
{
    /// <summary>construction: 占用耕地建设.</summary>
    Construction,

    /// <summary>to_forest: 耕地转为林地.</summary>
    ToForest,

    /// <summary>to_garden: 耕地转为园地.</summary>
    ToGarden,

    /// <summary>to_grassland: 耕地转为草地.</summary>
    ToGrassland,

    /// <summary>to_pond: 挖塘养殖 (转为坑塘水面).</summary>
    ToPond,

    /// <summary>abandonment: 撂荒.</summary>
    Abandonment,

    /// <summary>facility_damage: 农田设施损毁.</summary>
    FacilityDamage,

    /// <summary>other: 其他.</summary>
    Other,
}

/// <summary>Stored names and Chinese labels of categories.</summary>
public static class FindingCategories
{
    private static readonly (FindingCategory Category, string Name, string Label)[] Table =
    [
        (FindingCategory.Construction, "construction", "占用耕地建设"),
        (FindingCategory.ToForest, "to_forest", "耕地转林地"),
        (FindingCategory.ToGarden, "to_garden", "耕地转园地"),
        (FindingCategory.ToGrassland, "to_grassland", "耕地转草地"),
        (FindingCategory.ToPond, "to_pond", "耕地转坑塘"),
        (FindingCategory.Abandonment, "abandonment", "撂荒"),
        (FindingCategory.FacilityDamage, "facility_damage", "设施损毁"),
        (FindingCategory.Other, "other", "其他"),
    ];

    public static string Name(FindingCategory category) => Table.First(t => t.Category == category).Name;

    public static string Label(FindingCategory category) => Table.First(t => t.Category == category).Label;

    /// <summary>All stored names, e.g. for error messages and the API description.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>Parses a stored name or a Chinese label; false for anything else.</summary>
    public static bool TryParse(string? text, out FindingCategory category)
    {
        foreach (var t in Table)
        {
            if (string.Equals(text, t.Name, StringComparison.Ordinal) || string.Equals(text, t.Label, StringComparison.Ordinal))
            {
                category = t.Category;
                return true;
            }
        }
        category = FindingCategory.Other;
        return false;
    }
}
