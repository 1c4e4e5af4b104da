using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;

namespace Gengbao.Demo;

/// <summary>
/// The official parcel area (TBMJ, PZMJ, MJ) of a generated polygon in EPSG:4522: the land-survey ellipsoidal area,
/// m², rounded to 0.01 m² (docs/domain.md §5). The one place the demo computes areas; the formula lives in Gengbao.Geo.
/// </summary>
internal static class OfficialArea
{
    private static readonly GaussKrugerZone Zone = CgcsCrs.GetZone(Geography.LinxiaGeography.Srid);

    public static double Of(Geometry polygonal) => EllipsoidalArea.Round(EllipsoidalArea.OfGaussKruger(polygonal, Zone));
}
