using Gengbao.Geo.Codes;

namespace Gengbao.Ledger.Accounts;

/// <summary>
/// Where cultivated land went (outflow) or came from (inflow), docs/ledger.md §2. The classes follow the balance rules
/// of domain.md §1.7: <see cref="Construction"/> is 占补平衡's side, <see cref="Forest"/>, <see cref="Garden"/>,
/// <see cref="Grassland"/>, <see cref="Pond"/> and <see cref="Facility"/> are 进出平衡's "other agricultural land".
/// </summary>
public enum FlowClass
{
    /// <summary>建设用地: <see cref="LandClass.IsConstruction"/> (05xx, 0601/0602, 07xx, 08xx, 09, 10xx but 1006, 1109, 1201).</summary>
    Construction,

    /// <summary>林地 03xx (0303/0304/0306 wetland excluded, as LandClass groups them).</summary>
    Forest,

    /// <summary>园地 02xx.</summary>
    Garden,

    /// <summary>草地 04xx (0402 wetland excluded).</summary>
    Grassland,

    /// <summary>坑塘/养殖坑塘 1104, 1104A, 1104K.</summary>
    Pond,

    /// <summary>设施农用地 1202.</summary>
    Facility,

    /// <summary>Everything else: water, wetland, rural roads 1006, field ridges, unused land (1203–1207).</summary>
    Other,
}

/// <summary>The one mapping from DLBM to <see cref="FlowClass"/>, on top of <see cref="LandClass"/>.</summary>
public static class FlowClasses
{
    /// <summary>All classes in report order.</summary>
    public static IReadOnlyList<FlowClass> All { get; } = Enum.GetValues<FlowClass>();

    /// <summary>
    /// The class of a non-cultivated DLBM. Cultivated codes (0101/0102/0103) and unknown codes are <see cref="FlowClass.Other"/>;
    /// the ledger never asks for a cultivated code because moves between 0101/0102/0103 are neither inflow nor outflow.
    /// </summary>
    public static FlowClass Of(string dlbm)
    {
        var code = dlbm.Trim();
        if (code is "1104" or "1104A" or "1104K")
        {
            return FlowClass.Pond;
        }
        if (code == "1202")
        {
            return FlowClass.Facility;
        }
        return LandClass.GroupOf(code) switch
        {
            LandUseGroup.Construction or LandUseGroup.Transport => FlowClass.Construction,
            LandUseGroup.Forest => FlowClass.Forest,
            LandUseGroup.Garden => FlowClass.Garden,
            LandUseGroup.Grassland => FlowClass.Grassland,
            _ => FlowClass.Other,
        };
    }

    /// <summary>True for the "other agricultural land" of 进出平衡 (domain.md §1.7): forest, garden, grassland, ponds, facility land.</summary>
    public static bool IsOtherAgricultural(FlowClass c) => c is FlowClass.Forest or FlowClass.Garden or FlowClass.Grassland or FlowClass.Pond or FlowClass.Facility;

    /// <summary>Chinese label used in reports.</summary>
    public static string Label(FlowClass c) => c switch
    {
        FlowClass.Construction => "建设用地",
        FlowClass.Forest => "林地",
        FlowClass.Garden => "园地",
        FlowClass.Grassland => "草地",
        FlowClass.Pond => "坑塘水面",
        FlowClass.Facility => "设施农用地",
        _ => "其他",
    };
}
