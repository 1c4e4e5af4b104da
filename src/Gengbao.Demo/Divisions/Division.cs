namespace Gengbao.Demo.Divisions;

/// <summary>
/// One administrative unit from the committed division table (docs/demo.md): 12-digit statistical code, official name,
/// land-survey level JB (2 prefecture, 3 county, 4 township, 5 village) and the parent's code.
/// </summary>
internal sealed record Division(string Code, string Name, int Level, string ParentCode)
{
    /// <summary>
    /// The name as land-survey XZQ tables write it: the statistical names of village-level units end in the committee
    /// ("韩集村委会", "幸福社区居民委员会"), survey tables name the village or community ("韩集村", "幸福社区").
    /// </summary>
    public string SurveyName => Level == 5 ? VillageName(Name) : Name;

    /// <summary>Sub-district (街道): township-level code 001–099 (docs/domain.md §3.1).</summary>
    public bool IsSubdistrict => Level == 4 && string.CompareOrdinal(Code.Substring(6, 3), "100") < 0;

    private static string VillageName(string name)
    {
        foreach (var (suffix, unit) in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = name[..^suffix.Length];
                return stem.EndsWith(unit, StringComparison.Ordinal) ? stem : stem + unit;
            }
        }
        return name;
    }

    private static readonly (string Suffix, string Unit)[] Suffixes =
    [
        ("村民委员会", "村"),
        ("居民委员会", "社区"),
        ("社区居委会", "社区"),
        ("居委会", "社区"),
        ("村委会", "村"),
    ];
}
