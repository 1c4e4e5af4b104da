namespace Gengbao.Geo.Area;

/// <summary>
/// The series of Karney (2013), "Algorithms for geodesics", J. Geodesy 87:43, to sixth order (the order
/// GeographicLib, PROJ and PostGIS use): A1, C1 (distance), A2, C2 (reduced length), A3, C3 (longitude) and C4 (area).
/// Coefficients are the published rational numbers, stored as numerators with the denominator last.
/// </summary>
internal sealed partial class Geodesic
{
    private const int Order = 6;
    private const int NC3x = (Order * (Order - 1)) / 2;
    private const int NC4x = (Order * (Order + 1)) / 2;

    private static readonly double[] A1Coeff = [1, 4, 64, 0, 256];

    private static readonly double[] C1Coeff =
    [
        -1, 6, -16, 32,
        -9, 64, -128, 2048,
        9, -16, 768,
        3, -5, 512,
        -7, 1280,
        -7, 2048,
    ];

    private static readonly double[] A2Coeff = [-11, -28, -192, 0, 256];

    private static readonly double[] C2Coeff =
    [
        1, 2, 16, 32,
        35, 64, 384, 2048,
        15, 80, 768,
        7, 35, 512,
        63, 1280,
        77, 2048,
    ];

    private static readonly double[] A3Coeff =
    [
        -3, 128,
        -2, -3, 64,
        -1, -3, -1, 16,
        3, -1, -2, 8,
        1, -1, 2,
        1, 1,
    ];

    private static readonly double[] C3Coeff =
    [
        3, 128,
        2, 5, 128,
        -1, 3, 3, 64,
        -1, 0, 1, 8,
        -1, 1, 4,
        5, 256,
        1, 3, 128,
        -3, -2, 3, 64,
        1, -3, 2, 32,
        7, 512,
        -10, 9, 384,
        5, -9, 5, 192,
        7, 512,
        -14, 7, 512,
        21, 2560,
    ];

    private static readonly double[] C4Coeff =
    [
        97, 15015,
        1088, 156, 45045,
        -224, -4784, 1573, 45045,
        -10656, 14144, -4576, -858, 45045,
        64, 624, -4576, 6864, -3003, 15015,
        100, 208, 572, 3432, -12012, 30030, 45045,
        1, 9009,
        -2944, 468, 135135,
        5792, 1040, -1287, 135135,
        5952, -11648, 9152, -2574, 135135,
        -64, -624, 4576, -6864, 3003, 135135,
        8, 10725,
        1856, -936, 225225,
        -8448, 4992, -1144, 225225,
        -1440, 4160, -4576, 1716, 225225,
        -136, 63063,
        1024, -208, 105105,
        3584, -3328, 1144, 315315,
        -128, 135135,
        -2560, 832, 405405,
        128, 99099,
    ];

    private readonly double[] _a3x = new double[Order];
    private readonly double[] _c3x = new double[NC3x];
    private readonly double[] _c4x = new double[NC4x];

    /// <summary>A1 − 1, the mean of dI1/dσ minus one.</summary>
    private static double A1m1(double eps)
    {
        var t = GeoMath.Polyval(Order / 2, A1Coeff, 0, eps * eps) / A1Coeff[(Order / 2) + 1];
        return (t + eps) / (1 - eps);
    }

    /// <summary>C1[1..6] into c[1..6].</summary>
    private static void C1(double eps, Span<double> c) => FourierInEps2(C1Coeff, eps, c);

    /// <summary>A2 − 1.</summary>
    private static double A2m1(double eps)
    {
        var t = GeoMath.Polyval(Order / 2, A2Coeff, 0, eps * eps) / A2Coeff[(Order / 2) + 1];
        return (t - eps) / (1 + eps);
    }

    /// <summary>C2[1..6] into c[1..6].</summary>
    private static void C2(double eps, Span<double> c) => FourierInEps2(C2Coeff, eps, c);

    private static void FourierInEps2(ReadOnlySpan<double> coeff, double eps, Span<double> c)
    {
        var eps2 = eps * eps;
        var d = eps;
        var o = 0;
        for (var l = 1; l <= Order; l++)
        {
            var m = (Order - l) / 2;
            c[l] = d * GeoMath.Polyval(m, coeff, o, eps2) / coeff[o + m + 1];
            o += m + 2;
            d *= eps;
        }
    }

    /// <summary>Pre-evaluates the n-dependence of A3, C3 and C4 for this ellipsoid.</summary>
    private void InitSeries()
    {
        int o = 0, k = 0;
        for (var j = Order - 1; j >= 0; j--)
        {
            var m = Math.Min(Order - j - 1, j);
            _a3x[k++] = GeoMath.Polyval(m, A3Coeff, o, _n) / A3Coeff[o + m + 1];
            o += m + 2;
        }
        o = 0;
        k = 0;
        for (var l = 1; l < Order; l++)
        {
            for (var j = Order - 1; j >= l; j--)
            {
                var m = Math.Min(Order - j - 1, j);
                _c3x[k++] = GeoMath.Polyval(m, C3Coeff, o, _n) / C3Coeff[o + m + 1];
                o += m + 2;
            }
        }
        o = 0;
        k = 0;
        for (var l = 0; l < Order; l++)
        {
            for (var j = Order - 1; j >= l; j--)
            {
                var m = Order - j - 1;
                _c4x[k++] = GeoMath.Polyval(m, C4Coeff, o, _n) / C4Coeff[o + m + 1];
                o += m + 2;
            }
        }
    }

    private double A3(double eps) => GeoMath.Polyval(Order - 1, _a3x, 0, eps);

    /// <summary>C3[1..5] into c[1..5].</summary>
    private void C3(double eps, Span<double> c)
    {
        var mult = 1.0;
        var o = 0;
        for (var l = 1; l < Order; l++)
        {
            var m = Order - l - 1;
            mult *= eps;
            c[l] = mult * GeoMath.Polyval(m, _c3x, o, eps);
            o += m + 1;
        }
    }

    /// <summary>C4[0..5] into c[0..5].</summary>
    private void C4(double eps, Span<double> c)
    {
        var mult = 1.0;
        var o = 0;
        for (var l = 0; l < Order; l++)
        {
            var m = Order - l - 1;
            c[l] = mult * GeoMath.Polyval(m, _c4x, o, eps);
            o += m + 1;
            mult *= eps;
        }
    }

    /// <summary>
    /// Clenshaw sum of Σ c[l] sin(2lx), l = 1..n (<paramref name="sine"/>) or Σ c[l] cos((2l+1)x), l = 0..n−1.
    /// </summary>
    private static double SinCosSeries(bool sine, double sinx, double cosx, ReadOnlySpan<double> c, int n)
    {
        var k = n + (sine ? 1 : 0);
        var ar = 2 * (cosx - sinx) * (cosx + sinx);
        var y0 = (n & 1) != 0 ? c[--k] : 0.0;
        var y1 = 0.0;
        n /= 2;
        while (n-- > 0)
        {
            y1 = (ar * y0) - y1 + c[--k];
            y0 = (ar * y1) - y0 + c[--k];
        }
        return sine ? 2 * sinx * cosx * y0 : cosx * (y0 - y1);
    }
}
