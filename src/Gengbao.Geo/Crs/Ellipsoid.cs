namespace Gengbao.Geo.Crs;

/// <summary>
/// A reference ellipsoid of revolution given by its semi-major axis (metres) and inverse flattening, the way
/// EPSG and the land-survey notices publish it. Derived quantities are computed, never stored, so two
/// ellipsoids with the same defining pair are equal.
/// </summary>
/// <param name="SemiMajorAxis">Equatorial radius a, metres.</param>
/// <param name="InverseFlattening">1/f, dimensionless; must be positive (oblate).</param>
public sealed record Ellipsoid(double SemiMajorAxis, double InverseFlattening)
{
    /// <summary>
    /// CGCS2000 (China Geodetic Coordinate System 2000): a = 6 378 137 m, 1/f = 298.257222101 (domain.md §4.1).
    /// Numerically identical to GRS80 as PROJ defines it.
    /// </summary>
    public static Ellipsoid Cgcs2000 { get; } = new(6_378_137.0, 298.257222101);

    /// <summary>Flattening f = 1 / <see cref="InverseFlattening"/>.</summary>
    public double Flattening => 1.0 / InverseFlattening;

    /// <summary>Semi-minor (polar) axis b = a(1 − f), metres.</summary>
    public double SemiMinorAxis => SemiMajorAxis * (1.0 - Flattening);

    /// <summary>First eccentricity squared e² = f(2 − f) = (a² − b²)/a².</summary>
    public double EccentricitySquared => Flattening * (2.0 - Flattening);

    /// <summary>Second eccentricity squared e′² = e² / (1 − e²) = (a² − b²)/b².</summary>
    public double SecondEccentricitySquared => EccentricitySquared / (1.0 - EccentricitySquared);

    /// <summary>Third flattening n = f / (2 − f), the small parameter of the Krüger series.</summary>
    public double ThirdFlattening => Flattening / (2.0 - Flattening);
}
