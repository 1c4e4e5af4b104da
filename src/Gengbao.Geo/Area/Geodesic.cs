namespace Gengbao.Geo.Area;

/// <summary>
/// The geodesic inverse problem on an ellipsoid, reduced to what polygon areas need: the area S12 between the
/// geodesic from point 1 to point 2 and the equator. Algorithm of Karney (2013), "Algorithms for geodesics",
/// J. Geodesy 87:43–55, §6 (Newton's method on the auxiliary sphere) and §5 (area), with the safeguards of
/// GeographicLib 2.x so results agree with GeographicLib's Planimeter and PostGIS <c>ST_Area(geography)</c> to
/// round-off. Accurate to about 15 nm for distances and 0.1 m² for S12 on any terrestrial ellipsoid.
/// </summary>
internal sealed partial class Geodesic
{
    private const int MaxIterations1 = 20;
    private const int MaxIterations2 = MaxIterations1 + 53 + 10;
    private const double Tol0 = GeoMath.Epsilon;
    private const double Tol1 = 200 * Tol0;
    private const double TolB = Tol0;
    private static readonly double Tol2 = Math.Sqrt(Tol0);
    private static readonly double XThreshold = 1000 * Tol2;

    private readonly double _a;
    private readonly double _f;
    private readonly double _f1;
    private readonly double _e2;
    private readonly double _ep2;
    private readonly double _n;
    private readonly double _c2;
    private readonly double _etol2;

    /// <param name="a">Equatorial radius, metres.</param>
    /// <param name="f">Flattening, ≥ 0: the prolate branches of GeographicLib are left out.</param>
    public Geodesic(double a, double f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(f);
        _a = a;
        _f = f;
        _f1 = 1 - f;
        _e2 = f * (2 - f);
        _ep2 = _e2 / (_f1 * _f1);
        _n = f / (2 - f);
        var b = a * _f1;
        // Authalic radius squared: the area of the ellipsoid is 4π·c².
        _c2 = ((a * a) + (b * b * (_e2 == 0 ? 1
            : (_e2 > 0 ? Math.Atanh(Math.Sqrt(_e2)) : Math.Atan(Math.Sqrt(-_e2))) / Math.Sqrt(Math.Abs(_e2))))) / 2;
        // Below this σ12 the spherical start of InverseStart is already exact to round-off (Karney 2013, §6).
        _etol2 = 0.1 * Tol2 / Math.Sqrt(Math.Max(0.001, Math.Abs(f)) * Math.Min(1.0, 1 - (f / 2)) / 2);
        InitSeries();
    }

    /// <summary>Total area of the ellipsoid, 4π·c², m².</summary>
    public double EllipsoidArea => 4 * Math.PI * _c2;

    /// <summary>
    /// S12 in m²: the area between the geodesic from (lat1, lon1) to (lat2, lon2) (degrees) and the equator, positive
    /// when the quadrilateral is traversed counter-clockwise. Summed over a ring it gives the ring's area.
    /// </summary>
    public double AreaTerm(double lat1, double lon1, double lat2, double lon2)
    {
        Span<double> ca = stackalloc double[Order + 1];
        Span<double> cb = stackalloc double[Order + 1];

        var lon12 = GeoMath.AngDiff(lon1, lon2, out var lon12s);
        var lonSign = double.IsNegative(lon12) ? -1 : 1;
        lon12 *= lonSign;
        lon12s *= lonSign;
        var lam12 = lon12 * GeoMath.Degree;
        GeoMath.SinCosde(lon12, lon12s, out var slam12, out var clam12);
        lon12s = (180 - lon12) - lon12s;

        lat1 = GeoMath.AngRound(GeoMath.LatFix(lat1));
        lat2 = GeoMath.AngRound(GeoMath.LatFix(lat2));
        // Canonical form: |lat1| ≥ |lat2|, lat1 ≤ 0, 0 ≤ lon12 ≤ 180; the signs undo it at the end.
        var swap = Math.Abs(lat1) < Math.Abs(lat2) || double.IsNaN(lat2) ? -1 : 1;
        if (swap < 0)
        {
            lonSign *= -1;
            (lat1, lat2) = (lat2, lat1);
        }
        var latSign = double.IsNegative(lat1) ? 1 : -1;
        lat1 *= latSign;
        lat2 *= latSign;

        GeoMath.SinCosd(lat1, out var sbet1, out var cbet1);
        sbet1 *= _f1;
        GeoMath.Norm(ref sbet1, ref cbet1);
        cbet1 = Math.Max(GeoMath.Tiny, cbet1);
        GeoMath.SinCosd(lat2, out var sbet2, out var cbet2);
        sbet2 *= _f1;
        GeoMath.Norm(ref sbet2, ref cbet2);
        cbet2 = Math.Max(GeoMath.Tiny, cbet2);

        if (cbet1 < -sbet1)
        {
            if (cbet2 == cbet1)
            {
                sbet2 = Math.CopySign(sbet1, sbet2);
            }
        }
        else if (Math.Abs(sbet2) == -sbet1)
        {
            cbet2 = cbet1;
        }

        var dn1 = Math.Sqrt(1 + (_ep2 * sbet1 * sbet1));
        var dn2 = Math.Sqrt(1 + (_ep2 * sbet2 * sbet2));

        double salp1 = 0, calp1 = 0, salp2 = 0, calp2 = 0, sig12;
        double omg12 = 0, somg12 = 2, comg12 = 0; // somg12 == 2 marks "not computed yet"
        var meridian = lat1 == -90 || slam12 == 0;

        if (meridian)
        {
            calp1 = clam12;
            salp1 = slam12;
            calp2 = 1;
            salp2 = 0;
            var ssig1 = sbet1;
            var csig1 = calp1 * cbet1;
            var ssig2 = sbet2;
            var csig2 = calp2 * cbet2;
            sig12 = Math.Atan2(Math.Max(0.0, (csig1 * ssig2) - (ssig1 * csig2)) + 0, (csig1 * csig2) + (ssig1 * ssig2));
            Lengths(_n, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, out _, out var m12x, ca, cb);
            // A meridional geodesic longer than half a meridian is not the shortest path (only on prolate ellipsoids).
            if (!(sig12 < 1 || m12x >= 0))
            {
                meridian = false;
            }
        }

        if (!meridian && sbet1 == 0 && (_f <= 0 || lon12s >= _f * 180))
        {
            // Along the equator.
            calp1 = calp2 = 0;
            salp1 = salp2 = 1;
            sig12 = omg12 = lam12 / _f1;
        }
        else if (!meridian)
        {
            sig12 = InverseStart(sbet1, cbet1, sbet2, cbet2, lam12, slam12, clam12,
                out salp1, out calp1, ref salp2, ref calp2, out var dnm);
            if (sig12 >= 0)
            {
                omg12 = lam12 / (_f1 * dnm);
            }
            else
            {
                SolveAzimuth(sbet1, cbet1, dn1, sbet2, cbet2, dn2, slam12, clam12, ref salp1, ref calp1,
                    out salp2, out calp2, out var domg12, ca, cb);
                var (sdomg12, cdomg12) = Math.SinCos(domg12);
                somg12 = (slam12 * cdomg12) - (clam12 * sdomg12);
                comg12 = (clam12 * cdomg12) + (slam12 * sdomg12);
            }
        }

        double s12Area;
        var salp0 = salp1 * cbet1;
        var calp0 = double.Hypot(calp1, salp1 * sbet1);
        if (calp0 != 0 && salp0 != 0)
        {
            var ssig1 = sbet1;
            var csig1 = calp1 * cbet1;
            var ssig2 = sbet2;
            var csig2 = calp2 * cbet2;
            var k2 = calp0 * calp0 * _ep2;
            var eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);
            var a4 = _a * _a * calp0 * salp0 * _e2;
            GeoMath.Norm(ref ssig1, ref csig1);
            GeoMath.Norm(ref ssig2, ref csig2);
            C4(eps, ca);
            var b41 = SinCosSeries(false, ssig1, csig1, ca, Order);
            var b42 = SinCosSeries(false, ssig2, csig2, ca, Order);
            s12Area = a4 * (b42 - b41);
        }
        else
        {
            s12Area = 0; // σ1, σ2 are indeterminate on the equator
        }

        if (!meridian && somg12 == 2)
        {
            (somg12, comg12) = Math.SinCos(omg12);
        }

        double alp12;
        if (!meridian && comg12 > -0.7071 && sbet2 - sbet1 < 1.75)
        {
            // tan(Γ/2) = tan(ω12/2)·(tan(β1/2) + tan(β2/2))/(1 + tan(β1/2)·tan(β2/2)), accurate for short edges.
            var domg12 = 1 + comg12;
            var dbet1 = 1 + cbet1;
            var dbet2 = 1 + cbet2;
            alp12 = 2 * Math.Atan2(somg12 * ((sbet1 * dbet2) + (sbet2 * dbet1)), domg12 * ((sbet1 * sbet2) + (dbet1 * dbet2)));
        }
        else
        {
            var salp12 = (salp2 * calp1) - (calp2 * salp1);
            var calp12 = (calp2 * calp1) + (salp2 * salp1);
            if (salp12 == 0 && calp12 < 0)
            {
                salp12 = GeoMath.Tiny * calp1;
                calp12 = -1;
            }
            alp12 = Math.Atan2(salp12, calp12);
        }
        s12Area += _c2 * alp12;
        s12Area *= swap * lonSign * latSign;
        return s12Area + 0;
    }

    /// <summary>Newton's method with bisection fallback for the azimuth α1 that reaches λ12 (Karney 2013, §6).</summary>
    private void SolveAzimuth(double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2,
        double slam12, double clam12, ref double salp1, ref double calp1, out double salp2, out double calp2,
        out double domg12, Span<double> ca, Span<double> cb)
    {
        double salp1a = GeoMath.Tiny, calp1a = 1, salp1b = GeoMath.Tiny, calp1b = -1;
        bool tripN = false, tripB = false;
        salp2 = calp2 = domg12 = 0;
        for (var iteration = 0; ; iteration++)
        {
            var v = Lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam12, clam12,
                out salp2, out calp2, out domg12, iteration < MaxIterations1, out var dv, ca, cb);
            if (tripB || !(Math.Abs(v) >= (tripN ? 8 : 1) * Tol0) || iteration == MaxIterations2)
            {
                break;
            }
            if (v > 0 && (iteration > MaxIterations1 || calp1 / salp1 > calp1b / salp1b))
            {
                salp1b = salp1;
                calp1b = calp1;
            }
            else if (v < 0 && (iteration > MaxIterations1 || calp1 / salp1 < calp1a / salp1a))
            {
                salp1a = salp1;
                calp1a = calp1;
            }
            if (iteration < MaxIterations1 && dv > 0)
            {
                var dalp1 = -v / dv;
                if (Math.Abs(dalp1) < Math.PI)
                {
                    var (sdalp1, cdalp1) = Math.SinCos(dalp1);
                    var nsalp1 = (salp1 * cdalp1) + (calp1 * sdalp1);
                    if (nsalp1 > 0)
                    {
                        calp1 = (calp1 * cdalp1) - (salp1 * sdalp1);
                        salp1 = nsalp1;
                        GeoMath.Norm(ref salp1, ref calp1);
                        tripN = Math.Abs(v) <= 16 * Tol0;
                        continue;
                    }
                }
            }
            // Newton stepped outside (0, π) or the slope was not positive: bisect the bracket.
            salp1 = (salp1a + salp1b) / 2;
            calp1 = (calp1a + calp1b) / 2;
            GeoMath.Norm(ref salp1, ref calp1);
            tripN = false;
            tripB = Math.Abs(salp1a - salp1) + (calp1a - calp1) < TolB || Math.Abs(salp1 - salp1b) + (calp1 - calp1b) < TolB;
        }
    }

    /// <summary>λ12(α1) − λ12 target and its derivative (Karney 2013, eqs. 5–9, 38).</summary>
    private double Lambda12(double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2,
        double salp1, double calp1, double slam120, double clam120, out double salp2, out double calp2,
        out double domg12, bool wantDerivative, out double dlam12, Span<double> ca, Span<double> cb)
    {
        if (sbet1 == 0 && calp1 == 0)
        {
            calp1 = -GeoMath.Tiny; // break the degeneracy of the equatorial line
        }
        var salp0 = salp1 * cbet1;
        var calp0 = double.Hypot(calp1, salp1 * sbet1);

        var ssig1 = sbet1;
        var somg1 = salp0 * sbet1;
        var csig1 = calp1 * cbet1;
        var comg1 = csig1;
        GeoMath.Norm(ref ssig1, ref csig1);

        salp2 = cbet2 != cbet1 ? salp0 / cbet2 : salp1;
        calp2 = cbet2 != cbet1 || Math.Abs(sbet2) != -sbet1
            ? Math.Sqrt((calp1 * cbet1 * calp1 * cbet1)
                + (cbet1 < -sbet1 ? (cbet2 - cbet1) * (cbet1 + cbet2) : (sbet1 - sbet2) * (sbet1 + sbet2))) / cbet2
            : Math.Abs(calp1);
        var ssig2 = sbet2;
        var somg2 = salp0 * sbet2;
        var csig2 = calp2 * cbet2;
        var comg2 = csig2;
        GeoMath.Norm(ref ssig2, ref csig2);

        var sig12 = Math.Atan2(Math.Max(0.0, (csig1 * ssig2) - (ssig1 * csig2)) + 0, (csig1 * csig2) + (ssig1 * ssig2));
        var somg12 = Math.Max(0.0, (comg1 * somg2) - (somg1 * comg2)) + 0;
        var comg12 = (comg1 * comg2) + (somg1 * somg2);
        var eta = Math.Atan2((somg12 * clam120) - (comg12 * slam120), (comg12 * clam120) + (somg12 * slam120));
        var k2 = calp0 * calp0 * _ep2;
        var eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);
        C3(eps, ca);
        var b312 = SinCosSeries(true, ssig2, csig2, ca, Order - 1) - SinCosSeries(true, ssig1, csig1, ca, Order - 1);
        domg12 = -_f * A3(eps) * salp0 * (sig12 + b312);
        var lam12 = eta + domg12;

        dlam12 = 0;
        if (wantDerivative)
        {
            if (calp2 == 0)
            {
                dlam12 = -2 * _f1 * dn1 / sbet1;
            }
            else
            {
                Lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, out _, out var m12b, ca, cb);
                dlam12 = m12b * _f1 / (calp2 * cbet2);
            }
        }
        return lam12;
    }

    /// <summary>Distance s12/b and reduced length m12/b along the geodesic (Karney 2013, eqs. 38, 40).</summary>
    private static void Lengths(double eps, double sig12, double ssig1, double csig1, double dn1,
        double ssig2, double csig2, double dn2, out double s12b, out double m12b, Span<double> ca, Span<double> cb)
    {
        var a1 = A1m1(eps);
        C1(eps, ca);
        var a2 = A2m1(eps);
        C2(eps, cb);
        var m0 = a1 - a2;
        a1 += 1;
        a2 += 1;
        var b1 = SinCosSeries(true, ssig2, csig2, ca, Order) - SinCosSeries(true, ssig1, csig1, ca, Order);
        s12b = a1 * (sig12 + b1);
        var b2 = SinCosSeries(true, ssig2, csig2, cb, Order) - SinCosSeries(true, ssig1, csig1, cb, Order);
        var j12 = (m0 * sig12) + ((a1 * b1) - (a2 * b2));
        m12b = (dn2 * (csig1 * ssig2)) - (dn1 * (ssig1 * csig2)) - (csig1 * csig2 * j12);
    }

    /// <summary>
    /// A starting α1 for Newton's method from the spherical solution, or the astroid estimate near the antipode; for
    /// very short lines the spherical answer is final and σ12 ≥ 0 is returned (otherwise −1).
    /// </summary>
    private double InverseStart(double sbet1, double cbet1, double sbet2, double cbet2,
        double lam12, double slam12, double clam12, out double salp1, out double calp1, ref double salp2, ref double calp2,
        out double dnm)
    {
        var sig12 = -1.0;
        dnm = 0;
        var sbet12 = (sbet2 * cbet1) - (cbet2 * sbet1);
        var cbet12 = (cbet2 * cbet1) + (sbet2 * sbet1);
        var sbet12a = (sbet2 * cbet1) + (cbet2 * sbet1);
        var shortLine = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5;
        double somg12, comg12;
        if (shortLine)
        {
            var sbetm2 = (sbet1 + sbet2) * (sbet1 + sbet2);
            sbetm2 /= sbetm2 + ((cbet1 + cbet2) * (cbet1 + cbet2));
            dnm = Math.Sqrt(1 + (_ep2 * sbetm2));
            var omg12 = lam12 / (_f1 * dnm);
            (somg12, comg12) = Math.SinCos(omg12);
        }
        else
        {
            somg12 = slam12;
            comg12 = clam12;
        }

        salp1 = cbet2 * somg12;
        calp1 = comg12 >= 0
            ? sbet12 + (cbet2 * sbet1 * somg12 * somg12 / (1 + comg12))
            : sbet12a - (cbet2 * sbet1 * somg12 * somg12 / (1 - comg12));

        var ssig12 = double.Hypot(salp1, calp1);
        var csig12 = (sbet1 * sbet2) + (cbet1 * cbet2 * comg12);

        if (shortLine && ssig12 < _etol2)
        {
            salp2 = cbet1 * somg12;
            calp2 = sbet12 - (cbet1 * sbet2 * (comg12 >= 0 ? somg12 * somg12 / (1 + comg12) : 1 - comg12));
            GeoMath.Norm(ref salp2, ref calp2);
            sig12 = Math.Atan2(ssig12, csig12);
        }
        else if (Math.Abs(_n) > 0.1 || csig12 >= 0 || ssig12 >= 6 * Math.Abs(_n) * Math.PI * cbet1 * cbet1)
        {
            // The zeroth-order spherical estimate is good enough.
        }
        else
        {
            // Nearly antipodal (f > 0 here): scale to the astroid problem (Karney 2013, §7).
            var lam12x = Math.Atan2(-slam12, -clam12);
            var k2 = sbet1 * sbet1 * _ep2;
            var eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);
            var lamScale = _f * cbet1 * A3(eps) * Math.PI;
            var betScale = lamScale * cbet1;
            var x = lam12x / lamScale;
            var y = sbet12a / betScale;
            if (y > -Tol1 && x > -1 - XThreshold)
            {
                salp1 = Math.Min(1.0, -x);
                calp1 = -Math.Sqrt(1 - (salp1 * salp1));
            }
            else
            {
                var k = Astroid(x, y);
                var omg12a = lamScale * (-x * k / (1 + k));
                var (s, c) = Math.SinCos(omg12a);
                somg12 = s;
                comg12 = -c;
                salp1 = cbet2 * somg12;
                calp1 = sbet12a - (cbet2 * sbet1 * somg12 * somg12 / (1 - comg12));
            }
        }
        if (!(salp1 <= 0))
        {
            GeoMath.Norm(ref salp1, ref calp1);
        }
        else
        {
            salp1 = 1;
            calp1 = 0;
        }
        return sig12;
    }

    /// <summary>Positive root k of k⁴ + 2k³ − (x² + y² − 1)k² − 2y²k − y² = 0 (Karney 2013, eq. 55).</summary>
    private static double Astroid(double x, double y)
    {
        var p = x * x;
        var q = y * y;
        var r = (p + q - 1) / 6;
        if (q == 0 && r <= 0)
        {
            return 0;
        }
        var s = p * q / 4;
        var r2 = r * r;
        var r3 = r * r2;
        var disc = s * (s + (2 * r3));
        var u = r;
        if (disc >= 0)
        {
            var t3 = s + r3;
            t3 += t3 < 0 ? -Math.Sqrt(disc) : Math.Sqrt(disc);
            var t = Math.Cbrt(t3);
            u += t + (t != 0 ? r2 / t : 0);
        }
        else
        {
            var ang = Math.Atan2(Math.Sqrt(-disc), -(s + r3));
            u += 2 * r * Math.Cos(ang / 3);
        }
        var v = Math.Sqrt((u * u) + q);
        var uv = u < 0 ? q / (v - u) : u + v;
        var w = (uv - q) / (2 * v);
        return uv / (Math.Sqrt(uv + (w * w)) + w);
    }
}
