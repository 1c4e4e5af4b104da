using Gengbao.Geo.Crs;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Tests.Area;

/// <summary>
/// The expected difference between the official trapezoid area and the geodesic area of a ring (docs/area.md): each
/// trapezoid edge is the straight line between its vertices in (longitude, F(latitude)), an equal-area cylindrical
/// map, and on the ellipsoid that line has geodesic curvature κ = tan φ·sin α·(1 + 2cos²α)/R (α the azimuth). The lens
/// between it and the geodesic has area κ·s³/12, on the inside of the ring for an eastward edge of a counter-clockwise
/// ring. Summed over the edges this predicts trapezoid − geodesic to within a few per cent.
/// </summary>
internal static class EdgeLens
{
    public static double Predicted(Coordinate[] closedRingLonLat)
    {
        var ellipsoid = Ellipsoid.Cgcs2000;
        var e2 = ellipsoid.EccentricitySquared;
        const double rad = Math.PI / 180;
        var sum = 0.0;
        for (var i = 0; i < closedRingLonLat.Length - 1; i++)
        {
            var p = closedRingLonLat[i];
            var q = closedRingLonLat[i + 1];
            var phi = (p.Y + q.Y) / 2 * rad;
            var w = 1 - (e2 * Math.Sin(phi) * Math.Sin(phi));
            var n = ellipsoid.SemiMajorAxis / Math.Sqrt(w);
            var m = ellipsoid.SemiMajorAxis * (1 - e2) / (w * Math.Sqrt(w));
            var east = n * Math.Cos(phi) * (q.X - p.X) * rad;
            var north = m * (q.Y - p.Y) * rad;
            var s = Math.Sqrt((east * east) + (north * north));
            var sinAlpha = east / s;
            var cosAlpha = north / s;
            sum += s * s * s * Math.Tan(phi) * sinAlpha * (1 + (2 * cosAlpha * cosAlpha)) / (12 * Math.Sqrt(m * n));
        }
        return Orientation.IsCCW(closedRingLonLat) ? sum : -sum;
    }
}
