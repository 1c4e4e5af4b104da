using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;

namespace Gengbao.Screening.Internal;

/// <summary>
/// Ellipsoidal area (m²) of the polygonal part of a geometry in the run's Gauss–Krüger zone, by the configured
/// <see cref="ScreeningAreaMethod"/>. Lines and points in an overlay result (touching boundaries) have no area and
/// are skipped, as PostGIS <c>ST_Area</c> of a collection skips them. Thread-safe.
/// </summary>
internal sealed class AreaMeter(GaussKrugerZone zone, ScreeningAreaMethod method)
{
    private static readonly GeometryFactory LonLat = new(new PrecisionModel(), CgcsCrs.Geographic, PackedCoordinateSequenceFactory.DoubleFactory);

    private readonly TransverseMercator _projection = TransverseMercator.For(zone);

    public double Of(Geometry geometry)
    {
        switch (geometry)
        {
            case Polygon polygon:
                return OfPolygon(polygon);
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

    private double OfPolygon(Polygon polygon)
    {
        if (polygon.IsEmpty)
        {
            return 0;
        }
        if (method == ScreeningAreaMethod.Official)
        {
            return EllipsoidalArea.OfGaussKruger(polygon, zone);
        }
        // The same transverse Mercator inverse as GeometryReprojector.ToGeographic (what ST_Transform(g, 4490) does),
        // into packed sequences: one array per ring instead of a copied geometry of coordinate objects.
        var holes = new LinearRing[polygon.NumInteriorRings];
        for (var i = 0; i < holes.Length; i++)
        {
            holes[i] = ToLonLat(polygon.GetInteriorRingN(i).CoordinateSequence);
        }
        return GeodesicArea.OfGeographic(LonLat.CreatePolygon(ToLonLat(polygon.Shell.CoordinateSequence), holes));
    }

    private LinearRing ToLonLat(CoordinateSequence ring)
    {
        var values = new double[2 * ring.Count];
        for (var i = 0; i < ring.Count; i++)
        {
            (values[2 * i], values[(2 * i) + 1]) = _projection.Inverse(ring.GetX(i), ring.GetY(i));
        }
        return LonLat.CreateLinearRing(new PackedDoubleCoordinateSequence(values, 2, 0));
    }
}
