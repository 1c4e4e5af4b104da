namespace Gengbao.Screening;

/// <summary>
/// How the engine turns polygons in the Gauss–Krüger plane into ellipsoidal areas (m²). Both measure on CGCS2000;
/// they differ by about 2 ppm on parcels (domain.md §5.4). docs/screening.md records the measured differences
/// against the PostGIS reference and why <see cref="Geodesic"/> is the default.
/// </summary>
public enum ScreeningAreaMethod
{
    /// <summary>
    /// Geodesic-edge area, as PostGIS <c>ST_Area(ST_Transform(g, 4490)::geography)</c> computes it — the definition of
    /// the screening reference (<see cref="Gengbao.Geo.Area.GeodesicArea"/>).
    /// </summary>
    Geodesic,

    /// <summary>
    /// The official land-survey trapezoid area of 国土调查办发〔2008〕32号, the formula of <c>TBMJ</c>
    /// (<see cref="Gengbao.Geo.Area.EllipsoidalArea"/>); about 2 ppm above the geodesic area.
    /// </summary>
    Official,
}
