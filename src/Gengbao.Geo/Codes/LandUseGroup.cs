namespace Gengbao.Geo.Codes;

/// <summary>
/// Reporting groups of 三调 land classes, chosen for the change rules of domain.md §1.6: construction land is split
/// from transport so rural roads can stay agricultural, and wetland is the separate 00 group of 三调.
/// </summary>
public enum LandUseGroup
{
    /// <summary>耕地: 0101, 0102, 0103.</summary>
    Cultivated,

    /// <summary>园地: 02xx including the adjustable K codes.</summary>
    Garden,

    /// <summary>林地: 0301, 0302, 0305, 0307 and their K codes (0303/0304/0306 are wetland).</summary>
    Forest,

    /// <summary>草地: 0401, 0403, 0404, 0403K (0402 is wetland).</summary>
    Grassland,

    /// <summary>湿地 (三调 group 00): 0303, 0304, 0306, 0402, 0603, 1105, 1106, 1108.</summary>
    Wetland,

    /// <summary>水域: 1101–1104 (with 1104A, 1104K), 1107, 1107A, 1110.</summary>
    Water,

    /// <summary>建设用地 other than transport: 05xx, 0601, 0602, 07xx, 08xx, 09, 1109, 1201.</summary>
    Construction,

    /// <summary>交通运输用地 except rural roads: 1001–1005, 1007–1009.</summary>
    Transport,

    /// <summary>Other agricultural and unused land: 1006 rural road, 1202 facility agricultural land, 1203–1207.</summary>
    Other,

    /// <summary>Not a 三调 working-classification code.</summary>
    Unknown,
}
