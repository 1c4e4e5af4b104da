using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using Gengbao.Geo.Overlay;
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

    private static readonly GeometryFactory Plane = new();

    private readonly TransverseMercator _projection = TransverseMercator.For(zone);

    public ScreeningAreaMethod Method => method;

    /// <summary>
    /// The ellipsoidal area per planar m² near a patch as a linear density d₀ + dₓ·(x − x₀) about the origin
    /// (x₀, y₀), so that the area of any piece of the patch is <see cref="AreaMoments.Integrate"/> of its planar
    /// moments. The gradient is the central difference of the density of two 100 m squares 1 km either side; d₀ is
    /// calibrated so the patch itself gets exactly its measured area. Left out: the north–south gradient (the scale of
    /// a Gauss–Krüger zone varies with latitude only through the radius of curvature, ~10⁻¹³ per m, 10⁻¹¹ of a
    /// piece's area) and the curvature of the density (~5·10⁻¹⁴ per m², 10⁻¹⁰ within 100 m of the origin).
    /// </summary>
    public (double D0, double Dx, double Dy) DensityNear(double originX, double originY, double patchArea, AreaMoments patchPlanar)
    {
        const double Step = 1000;
        var dx = (SquareDensity(originX + Step, originY) - SquareDensity(originX - Step, originY)) / (2 * Step);
        var d0 = (patchArea - (dx * patchPlanar.MomentX)) / patchPlanar.Area;
        return (d0, dx, 0);
    }

    private double SquareDensity(double cx, double cy)
    {
        const double Half = 50;
        var square = Plane.CreatePolygon([
            new Coordinate(cx - Half, cy - Half), new Coordinate(cx + Half, cy - Half), new Coordinate(cx + Half, cy + Half),
            new Coordinate(cx - Half, cy + Half), new Coordinate(cx - Half, cy - Half)]);
        return OfPolygon(square) / (4 * Half * Half);
    }

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
