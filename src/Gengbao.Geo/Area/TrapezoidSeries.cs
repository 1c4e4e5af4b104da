using Gengbao.Geo.Crs;

namespace Gengbao.Geo.Area;

/// <summary>
/// The A–E series of the official ellipsoidal trapezoid (国土调查办发〔2008〕32号, domain.md §5.2) for one ellipsoid,
/// rearranged so each vertex is evaluated once. The trapezoid between meridians ΔL apart and parallels B1, B2 is
/// <c>S = 2b²ΔL·[A sin(½ΔB) cos Bm − B sin(3/2ΔB) cos 3Bm + C sin(5/2ΔB) cos 5Bm − D … + E …]</c>; since
/// <c>2 sin(kΔB/2) cos(kBm) = sin kB2 − sin kB1</c> exactly, <c>S = b²ΔL·[F(B2) − F(B1)]</c> with
/// <c>F(B) = A sin B − B sin 3B + C sin 5B − D sin 7B + E sin 9B</c>, and sin((2k+1)B) is a polynomial in sin B, so
/// F is an odd polynomial of degree 9 in sin B. This is the same formula, not an approximation of it; tests compare
/// it with the literal per-edge form.
/// </summary>
internal sealed class TrapezoidSeries
{
    private readonly double _c1;
    private readonly double _c3;
    private readonly double _c5;
    private readonly double _c7;
    private readonly double _c9;

    public TrapezoidSeries(Ellipsoid ellipsoid)
    {
        var e2 = ellipsoid.EccentricitySquared;
        var e4 = e2 * e2;
        var e6 = e4 * e2;
        var e8 = e6 * e2;
        A = 1 + (3.0 / 6 * e2) + (30.0 / 80 * e4) + (35.0 / 112 * e6) + (630.0 / 2304 * e8);
        B = (1.0 / 6 * e2) + (15.0 / 80 * e4) + (21.0 / 112 * e6) + (420.0 / 2304 * e8);
        C = (3.0 / 80 * e4) + (7.0 / 112 * e6) + (180.0 / 2304 * e8);
        D = (1.0 / 112 * e6) + (45.0 / 2304 * e8);
        E = 5.0 / 2304 * e8;
        var b = ellipsoid.SemiMinorAxis;
        SemiMinorAxisSquared = b * b;

        // sin 3x = 3s − 4s³; sin 5x = 5s − 20s³ + 16s⁵; sin 7x = 7s − 56s³ + 112s⁵ − 64s⁷;
        // sin 9x = 9s − 120s³ + 432s⁵ − 576s⁷ + 256s⁹.
        _c1 = A - (3 * B) + (5 * C) - (7 * D) + (9 * E);
        _c3 = (4 * B) - (20 * C) + (56 * D) - (120 * E);
        _c5 = (16 * C) - (112 * D) + (432 * E);
        _c7 = (64 * D) - (576 * E);
        _c9 = 256 * E;
    }

    /// <summary>Series constant A of the notice.</summary>
    public double A { get; }

    /// <summary>Series constant B of the notice (not the semi-minor axis).</summary>
    public double B { get; }

    /// <summary>Series constant C.</summary>
    public double C { get; }

    /// <summary>Series constant D.</summary>
    public double D { get; }

    /// <summary>Series constant E.</summary>
    public double E { get; }

    /// <summary>b², m².</summary>
    public double SemiMinorAxisSquared { get; }

    /// <summary>F(B) as a polynomial in s = sin B.</summary>
    public double F(double sinB)
    {
        var s2 = sinB * sinB;
        return sinB * (_c1 + (s2 * (_c3 + (s2 * (_c5 + (s2 * (_c7 + (s2 * _c9))))))));
    }
}
