namespace Gengbao.Screening;

/// <summary>What the change does to cultivated land (domain.md §1.6), from the after-class <c>HSXDL</c>.</summary>
[Flags]
public enum ScreeningTags
{
    /// <summary>Neither non-agricultural nor non-grain use.</summary>
    None = 0,

    /// <summary>非农化: cultivated land becomes construction or transport land.</summary>
    NonAgricultural = 1,

    /// <summary>非粮化: cultivated land becomes garden, forest, grassland, a pond or facility agricultural land.</summary>
    NonGrain = 2,
}
