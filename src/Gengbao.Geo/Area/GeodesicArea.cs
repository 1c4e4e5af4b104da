using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Area;

/// <summary>
/// Area bounded by geodesic edges on the CGCS2000 ellipsoid, computed as GeographicLib's PolygonArea/Planimeter and
/// PostGIS <c>ST_Area(geography)</c> do (Karney 2013: per-edge area terms from the geodesic inverse problem, a
/// double-double sum and a count of prime-meridian crossings). Use it to reproduce results defined in PostGIS
/// (e.g. the screening reference); official parcel areas (<c>TBMJ</c>) use <see cref="EllipsoidalArea"/>.
/// </summary>
public static class GeodesicArea
{
    private static readonly Geodesic Cgcs2000 = new(Ellipsoid.Cgcs2000.SemiMajorAxis, Ellipsoid.Cgcs2000.Flattening);

    /// <summary>
    /// Area in m² (≥ 0) of a Polygon or MultiPolygon in CGCS2000 longitude/latitude (X = longitude, Y = latitude,
    /// degrees): for each polygon |shell| − Σ|holes|, each ring taken as the smaller of the two regions it bounds,
    /// like PostGIS. 0 for an empty geometry; <see cref="ArgumentException"/> for a non-polygonal one.
    /// </summary>
    public static double OfGeographic(Geometry polygonal)
    {
        var count = PolygonalParts.Count(polygonal, nameof(polygonal));
        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            var polygon = PolygonalParts.Get(polygonal, i);
            if (polygon.IsEmpty)
            {
                continue;
            }
            total += Math.Abs(OfRing(polygon.Shell.CoordinateSequence));
            foreach (var hole in polygon.Holes)
            {
                total -= Math.Abs(OfRing(hole.CoordinateSequence));
            }
        }
        return total;
    }

    /// <summary>
    /// Signed area in m² of one ring of lon/lat degrees (counter-clockwise positive), closed or not; the magnitude
    /// is at most half the ellipsoid, as Planimeter reports by default.
    /// </summary>
    internal static double OfRing(CoordinateSequence ring)
    {
        var count = ring.Count;
        if (count > 1 && ring.GetX(0) == ring.GetX(count - 1) && ring.GetY(0) == ring.GetY(count - 1))
        {
            count--;
        }
        if (count < 3)
        {
            return 0;
        }
        var sum = default(AreaAccumulator);
        var crossings = 0;
        for (var i = 0; i < count; i++)
        {
            var j = i + 1 == count ? 0 : i + 1;
            double lon1 = ring.GetX(i), lat1 = ring.GetY(i), lon2 = ring.GetX(j), lat2 = ring.GetY(j);
            sum.Add(Cgcs2000.AreaTerm(lat1, lon1, lat2, lon2));
            crossings += Transit(lon1, lon2);
        }
        return Reduce(sum, Cgcs2000.EllipsoidArea, crossings);
    }

    /// <summary>+1 or −1 when the edge crosses the prime meridian eastward or westward, else 0.</summary>
    private static int Transit(double lon1, double lon2)
    {
        var lon12 = GeoMath.AngDiff(lon1, lon2, out _);
        lon1 = GeoMath.AngNormalize(lon1);
        lon2 = GeoMath.AngNormalize(lon2);
        return lon12 > 0 && ((lon1 < 0 && lon2 >= 0) || (lon1 > 0 && lon2 == 0)) ? 1
            : lon12 < 0 && lon1 >= 0 && lon2 < 0 ? -1 : 0;
    }

    /// <summary>
    /// Turns the summed edge terms into the enclosed area: an odd number of meridian crossings means the ring encloses
    /// a pole, and the result is put in (−A/2, A/2] counter-clockwise positive (GeographicLib's AreaReduceA).
    /// </summary>
    private static double Reduce(AreaAccumulator area, double ellipsoidArea, int crossings)
    {
        area.Remainder(ellipsoidArea);
        if ((crossings & 1) != 0)
        {
            area.Add((area.Value < 0 ? 1 : -1) * ellipsoidArea / 2);
        }
        area.Negate();
        if (area.Value > ellipsoidArea / 2)
        {
            area.Add(-ellipsoidArea);
        }
        else if (area.Value <= -ellipsoidArea / 2)
        {
            area.Add(ellipsoidArea);
        }
        return 0 + area.Value;
    }
}
