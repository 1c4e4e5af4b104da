using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Tests.Area;

/// <summary>
/// Independent test oracles: the per-edge trapezoid exactly as written in domain.md §5.2 (国土调查办发〔2008〕32号,
/// reference meridian 60°), and the closed-form authalic integral it approximates.
/// </summary>
internal static class NoticeFormula
{
    private static readonly Ellipsoid E = Ellipsoid.Cgcs2000;

    public static double Area(Coordinate[] closedRingLonLat)
    {
        var e2 = E.EccentricitySquared;
        double e4 = e2 * e2, e6 = e4 * e2, e8 = e6 * e2;
        var a = 1 + (3.0 / 6 * e2) + (30.0 / 80 * e4) + (35.0 / 112 * e6) + (630.0 / 2304 * e8);
        var b = (1.0 / 6 * e2) + (15.0 / 80 * e4) + (21.0 / 112 * e6) + (420.0 / 2304 * e8);
        var c = (3.0 / 80 * e4) + (7.0 / 112 * e6) + (180.0 / 2304 * e8);
        var d = (1.0 / 112 * e6) + (45.0 / 2304 * e8);
        var e = 5.0 / 2304 * e8;
        var minor = E.SemiMinorAxis;
        const double rad = Math.PI / 180;
        var sum = 0.0;
        for (var i = 0; i < closedRingLonLat.Length - 1; i++)
        {
            var b1 = closedRingLonLat[i].Y * rad;
            var b2 = closedRingLonLat[i + 1].Y * rad;
            var dl = (((closedRingLonLat[i].X + closedRingLonLat[i + 1].X) / 2) - 60) * rad;
            var db = b2 - b1;
            var bm = (b1 + b2) / 2;
            sum += 2 * minor * minor * dl * ((a * Math.Sin(db / 2) * Math.Cos(bm))
                - (b * Math.Sin(1.5 * db) * Math.Cos(3 * bm))
                + (c * Math.Sin(2.5 * db) * Math.Cos(5 * bm))
                - (d * Math.Sin(3.5 * db) * Math.Cos(7 * bm))
                + (e * Math.Sin(4.5 * db) * Math.Cos(9 * bm)));
        }
        return Math.Abs(sum);
    }

    /// <summary>∫₀^B cos B/(1 − e² sin² B)² dB = s/(2(1 − e²s²)) + atanh(e·s)/(2e), s = sin B.</summary>
    public static double AuthalicIntegral(double s)
    {
        var e2 = E.EccentricitySquared;
        var e = Math.Sqrt(e2);
        return (s / (2 * (1 - (e2 * s * s)))) + (Math.Atanh(e * s) / (2 * e));
    }
}
