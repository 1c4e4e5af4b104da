namespace Gengbao.Geo.Area;

/// <summary>
/// The Chinese area unit 亩 (mu): 1 亩 = 10000/15 m² ≈ 666.667 m², 15 亩 = 1 ha (domain.md §2.3). Areas are stored in
/// m²; mu is for display only, so no rounding happens here.
/// </summary>
public static class Mu
{
    /// <summary>Square metres per mu, 10000/15.</summary>
    public const double SquareMetresPerMu = 10000.0 / 15.0;

    /// <summary>m² to mu: m² × 0.0015 (= m² × 3 / 2000).</summary>
    public static double FromSquareMetres(double m2) => m2 * 0.0015;

    /// <summary>Mu to m²: mu × 10000 / 15.</summary>
    public static double ToSquareMetres(double mu) => mu * 10000.0 / 15.0;
}
