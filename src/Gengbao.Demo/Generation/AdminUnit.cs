using NetTopologySuite.Geometries;

namespace Gengbao.Demo.Generation;

/// <summary>
/// One unit of the generated hierarchy (XZQ): prefecture (JB 2), county (3), township (4), village (5) or village
/// group (6). Codes are 12 digits, 15 for groups (village code + 3 digits).
/// </summary>
internal sealed class AdminUnit(string code, string name, int level, string parentCode, Geometry geometry, Coordinate centre)
{
    public string Code { get; } = code;
    public string Name { get; } = name;
    public int Level { get; } = level;
    public string ParentCode { get; } = parentCode;
    public Geometry Geometry { get; } = geometry;

    /// <summary>The Voronoi site the unit grew from: seat of the county, township or village committee.</summary>
    public Coordinate Centre { get; } = centre;

    public List<AdminUnit> Children { get; } = [];

    /// <summary>Sub-district (街道) or a unit inside one: built-up town land rather than farmland.</summary>
    public bool Urban { get; init; }

    /// <summary>Groups only: how many land-use patches to cut the group into.</summary>
    public int PatchCount { get; set; }

    /// <summary>Groups only: area × relative patch density, to share the requested size out.</summary>
    public double PatchWeight { get; set; }

    /// <summary>The 6-digit county code this unit lies in.</summary>
    public string CountyCode => Code[..6];
}
