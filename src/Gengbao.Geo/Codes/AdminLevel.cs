namespace Gengbao.Geo.Codes;

/// <summary>Administrative levels of domain.md §3, from province down to village group (村民小组).</summary>
public enum AdminLevel
{
    /// <summary>省级.</summary>
    Province = 1,

    /// <summary>地级.</summary>
    Prefecture = 2,

    /// <summary>县级 (GB/T 2260 6-digit code).</summary>
    County = 3,

    /// <summary>乡级 (9 digits).</summary>
    Township = 4,

    /// <summary>村级 (12 digits).</summary>
    Village = 5,

    /// <summary>村民小组 (15 digits, or 19-digit ZLDWDM with a group number).</summary>
    Group = 6,
}
