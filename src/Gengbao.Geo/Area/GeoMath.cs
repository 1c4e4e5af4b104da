namespace Gengbao.Geo.Area;

/// <summary>
/// Angle helpers of Karney's geodesic algorithms (GeographicLib's Math class): exact reduction of degrees before
/// converting to radians, error-free sums, and the argument fixes that keep the inverse problem symmetric. They
/// matter for agreeing with GeographicLib/PostGIS to round-off.
/// </summary>
internal static class GeoMath
{
    public const double Degree = Math.PI / 180.0;

    /// <summary>DBL_EPSILON (2⁻⁵²), the spacing of doubles at 1.</summary>
    public const double Epsilon = 2.220446049250313e-16;

    /// <summary>√DBL_MIN: a positive number whose square does not underflow.</summary>
    public static readonly double Tiny = Math.Sqrt(2.2250738585072014e-308);

    /// <summary>Error-free sum: u + v = s + t exactly, with s = round(u + v).</summary>
    public static double Sum(double u, double v, out double t)
    {
        var s = u + v;
        var up = s - v;
        var vpp = s - up;
        up -= u;
        vpp -= v;
        t = s != 0 ? 0 - (up + vpp) : s;
        return s;
    }

    /// <summary>Evaluates the polynomial p[offset..offset+order] (highest power first) at x.</summary>
    public static double Polyval(int order, ReadOnlySpan<double> p, int offset, double x)
    {
        var y = order < 0 ? 0 : p[offset++];
        while (--order >= 0)
        {
            y = (y * x) + p[offset++];
        }
        return y;
    }

    public static void Norm(ref double sinx, ref double cosx)
    {
        var r = double.Hypot(sinx, cosx);
        sinx /= r;
        cosx /= r;
    }

    /// <summary>Longitude reduced to [−180, 180], keeping the sign of ±180.</summary>
    public static double AngNormalize(double x)
    {
        var y = Math.IEEERemainder(x, 360);
        return Math.Abs(y) == 180 ? Math.CopySign(180.0, x) : y;
    }

    public static double LatFix(double x) => Math.Abs(x) > 90 ? double.NaN : x;

    /// <summary>y − x reduced to [−180, 180] with the rounding error in <paramref name="e"/>.</summary>
    public static double AngDiff(double x, double y, out double e)
    {
        var d = Sum(Math.IEEERemainder(-x, 360), Math.IEEERemainder(y, 360), out var t);
        d = Sum(Math.IEEERemainder(d, 360), t, out t);
        if (d == 0 || Math.Abs(d) == 180)
        {
            d = Math.CopySign(d, t == 0 ? y - x : -t);
        }
        e = t;
        return d;
    }

    /// <summary>Rounds tiny angles to a multiple of 2⁻⁵⁷ degree so that points very near the equator are on it.</summary>
    public static double AngRound(double x)
    {
        const double z = 1.0 / 16.0;
        var y = Math.Abs(x);
        var w = z - y;
        y = w > 0 ? z - w : y;
        return Math.CopySign(y, x);
    }

    /// <summary>sin and cos of an angle in degrees, reduced exactly to [−45, 45] first.</summary>
    public static void SinCosd(double x, out double sinx, out double cosx)
    {
        var r = Math.IEEERemainder(x, 90);
        var q = (int)Math.Round((x - r) / 90);
        SinCosQuadrant(r * Degree, q, x, out sinx, out cosx);
    }

    /// <summary>sin and cos of x + t degrees where t is a small correction to x.</summary>
    public static void SinCosde(double x, double t, out double sinx, out double cosx)
    {
        var r0 = Math.IEEERemainder(x, 90);
        var q = (int)Math.Round((x - r0) / 90);
        var r = AngRound(r0 + t);
        SinCosQuadrant(r * Degree, q, x, out sinx, out cosx);
    }

    private static void SinCosQuadrant(double radians, int q, double x, out double sinx, out double cosx)
    {
        var (s, c) = Math.SinCos(radians);
        switch (q & 3)
        {
            case 0: sinx = s; cosx = c; break;
            case 1: sinx = c; cosx = -s; break;
            case 2: sinx = -s; cosx = -c; break;
            default: sinx = -c; cosx = s; break;
        }
        cosx += 0;
        if (sinx == 0)
        {
            sinx = Math.CopySign(sinx, x);
        }
    }
}
