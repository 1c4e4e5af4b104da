namespace Gengbao.Geo.Codes;

/// <summary>What a land-class change from a before to an after code means for farmland protection (domain.md §1.6).</summary>
public enum ChangeKind
{
    /// <summary>The code did not change.</summary>
    None,

    /// <summary>非农化: cultivated land became construction or transport land (not a rural road).</summary>
    NonAgricultural,

    /// <summary>非粮化: cultivated land became garden, forest, grassland, a pond (1104/1104A/1104K) or facility agricultural land (1202).</summary>
    NonGrain,

    /// <summary>Any other change, including changes between cultivated classes and changes of non-cultivated land.</summary>
    Other,
}
