using Gengbao.Geo.Codes;

namespace Gengbao.Screening.Internal;

/// <summary>
/// Non-agricultural / non-grain tags of a change (domain.md §1.6) by <see cref="LandClass.ClassifyChange"/>: first
/// from the monitoring's own before and after classes (QSXDL → HSXDL); then, when the patch occupies cultivated land
/// of the base survey, from that land's class (the class with the largest overlap) to the after class, because a patch
/// whose before class was surveyed as, say, grassland still converts the cultivated DLTB land it covers. Codes outside
/// the 三调 classification give no tag.
/// </summary>
internal static class ChangeTagger
{
    public static ScreeningTags Tags(string? before, string? after, string? occupiedCultivatedClass)
    {
        if (!LandClass.IsValid(after))
        {
            return ScreeningTags.None;
        }
        var tags = LandClass.IsValid(before) ? Of(LandClass.ClassifyChange(before!, after!)) : ScreeningTags.None;
        if (tags == ScreeningTags.None && occupiedCultivatedClass is not null && LandClass.IsValid(occupiedCultivatedClass))
        {
            tags = Of(LandClass.ClassifyChange(occupiedCultivatedClass, after!));
        }
        return tags;
    }

    private static ScreeningTags Of(ChangeKind kind) => kind switch
    {
        ChangeKind.NonAgricultural => ScreeningTags.NonAgricultural,
        ChangeKind.NonGrain => ScreeningTags.NonGrain,
        _ => ScreeningTags.None,
    };
}
