using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;

namespace Gengbao.Screening.Internal;

/// <summary>
/// Ellipsoidal area (m²) of the polygonal part of a geometry in the run's Gauss–Krüger zone, by the configured
/// <see cref="ScreeningAreaMethod"/>. Lines and points in an overlay result (touching boundaries) have no area and
/// are skipped, as PostGIS <c>ST_Area</c> of a collection skips them.
/// </summary>
internal sealed class AreaMeter(GaussKrugerZone zone, ScreeningAreaMethod method)
{
    public double Of(Geometry geometry)
    {
        switch (geometry)
        {
            case Polygon or MultiPolygon:
                return OfPolygonal(geometry);
            case GeometryCollection collection:
                var total = 0.0;
                for (var i = 0; i < collection.NumGeometries; i++)
                {
                    total += Of(collection.GetGeometryN(i));
                }
                return total;
            default:
                return 0;
        }
    }

    private double OfPolygonal(Geometry polygonal) => method == ScreeningAreaMethod.Official
        ? EllipsoidalArea.OfGaussKruger(polygonal, zone)
        : GeodesicArea.OfGeographic(GeometryReprojector.ToGeographic(polygonal, zone));
}
