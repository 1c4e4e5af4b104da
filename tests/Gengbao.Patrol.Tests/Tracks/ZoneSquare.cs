using Gengbao.Geo.Crs;
using Gengbao.Patrol.Tracks;
using NetTopologySuite.Geometries;

namespace Gengbao.Patrol.Tests.Tracks;

/// <summary>
/// Test geometry drawn in metres: a 1 km square cell in CGCS2000 zone 34 (CM 102°E), 80 km east of the central
/// meridian near 35.5°N, with local coordinates (0,0)–(1000,1000) turned into longitude/latitude.
/// </summary>
internal static class ZoneSquare
{
    public static readonly GaussKrugerZone Zone = CgcsCrs.ThreeDegreeZoneFor(103.0, withPrefix: true);
    private const double X0 = 34_580_000, Y0 = 3_930_000;
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), CgcsCrs.Geographic);
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    public static (double Lon, double Lat) LonLat(double x, double y) => TransverseMercator.For(Zone).Inverse(X0 + x, Y0 + y);

    public static Polygon Rectangle(double x1, double y1, double x2, double y2) => Factory.CreatePolygon(
        new[] { (x1, y1), (x2, y1), (x2, y2), (x1, y2), (x1, y1) }.Select(p => { var (lon, lat) = LonLat(p.Item1, p.Item2); return new Coordinate(lon, lat); }).ToArray());

    public static Polygon Cell => Rectangle(0, 0, 1000, 1000);

    /// <summary>A walk through local points, one fix every <paramref name="stepM"/> metres at <paramref name="speed"/> m/s.</summary>
    public static List<TrackPoint> Walk(double stepM, double speed, params (double X, double Y)[] corners)
    {
        var points = new List<TrackPoint>();
        var t = Start;
        for (var c = 0; c < corners.Length; c++)
        {
            if (c == 0)
            {
                points.Add(Fix(corners[0].X, corners[0].Y, t));
                continue;
            }
            var (ax, ay) = corners[c - 1];
            var (bx, by) = corners[c];
            var length = Math.Sqrt(((bx - ax) * (bx - ax)) + ((by - ay) * (by - ay)));
            var steps = (int)Math.Round(length / stepM);
            for (var i = 1; i <= steps; i++)
            {
                t = t.AddSeconds(stepM / speed);
                points.Add(Fix(ax + ((bx - ax) * i / steps), ay + ((by - ay) * i / steps), t));
            }
        }
        return points;
    }

    public static TrackPoint Fix(double x, double y, DateTimeOffset t, double? accuracy = 5)
    {
        var (lon, lat) = LonLat(x, y);
        return new TrackPoint(lon, lat, accuracy, 2000, t);
    }
}
