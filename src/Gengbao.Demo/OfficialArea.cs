using NetTopologySuite.Geometries;

namespace Gengbao.Demo;

/// <summary>
/// The official parcel area (TBMJ, PZMJ, MJ) of a generated polygon in EPSG:4522, m², rounded to 0.01 m²
/// (docs/domain.md §5). The one place the demo computes areas, so the formula lives in Gengbao.Geo only.
/// </summary>
internal static class OfficialArea
{
    // TODO(demo): Gengbao.Geo has no EllipsoidalArea yet; until it lands this is the planar Gauss–Krüger area, which
    // is ~0.01–0.03 % larger at 60–160 km from the central meridian. Switch this line to
    // EllipsoidalArea.Round(EllipsoidalArea.OfGaussKruger(polygonal, Zone)) with Zone = CgcsCrs.GetZone(4522).
    public static double Of(Geometry polygonal) => Math.Round(polygonal.Area, 2, MidpointRounding.AwayFromZero);
}
