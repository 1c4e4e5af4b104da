using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Crs;

/// <summary>
/// Moves geometries between a CGCS2000 Gauss–Krüger zone and CGCS2000 longitude/latitude with the exact
/// <see cref="TransverseMercator"/>. The input is never modified; the result is a new geometry with a floating
/// precision model (a fixed metre grid makes no sense in degrees and vice versa) and Z/M values carried over.
/// </summary>
public static class GeometryReprojector
{
    /// <summary>
    /// Zone coordinates (X = easting including the zone's false easting, Y = northing, metres) to X = longitude,
    /// Y = latitude in degrees, SRID 4490. Empty input gives an empty geometry of the same type.
    /// </summary>
    public static Geometry ToGeographic(Geometry g, GaussKrugerZone zone)
    {
        ArgumentNullException.ThrowIfNull(g);
        var projection = TransverseMercator.For(zone);
        return Transform(g, CgcsCrs.Geographic, (x, y) => projection.Inverse(x, y));
    }

    /// <summary>
    /// Longitude/latitude in degrees (X = longitude, Y = latitude, CGCS2000) to zone coordinates, SRID = the zone's
    /// EPSG code. Points outside the zone are projected all the same, with growing distortion.
    /// </summary>
    public static Geometry ToZone(Geometry lonLat, GaussKrugerZone zone)
    {
        ArgumentNullException.ThrowIfNull(lonLat);
        var projection = TransverseMercator.For(zone);
        return Transform(lonLat, zone.Epsg, (x, y) => projection.Forward(x, y));
    }

    private static Geometry Transform(Geometry g, int srid, Func<double, double, (double, double)> map)
    {
        var factory = new GeometryFactory(new PrecisionModel(), srid, g.Factory.CoordinateSequenceFactory);
        var copy = factory.CreateGeometry(g);
        copy.Apply(new XyFilter(map));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class XyFilter(Func<double, double, (double, double)> map) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = map(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
