namespace Gengbao.Geo.Overlay;

/// <summary>
/// Planar area and first moments of a polygonal region, in the units of its coordinates (m², m³), about a chosen
/// origin: <see cref="Area"/> = ∬ dA, <see cref="MomentX"/> = ∬ (x − x₀) dA, <see cref="MomentY"/> = ∬ (y − y₀) dA.
/// The moments let a caller integrate any linear density (e.g. the area scale of a projection) over the region.
/// </summary>
/// <param name="Area">Area (≥ 0 for a valid region).</param>
/// <param name="MomentX">First moment about x = x₀.</param>
/// <param name="MomentY">First moment about y = y₀.</param>
public readonly record struct AreaMoments(double Area, double MomentX, double MomentY)
{
    /// <summary>∬ (d₀ + dₓ·(x − x₀) + dᵧ·(y − y₀)) dA: the integral of a linear density over the region.</summary>
    public double Integrate(double d0, double dx, double dy) => (d0 * Area) + (dx * MomentX) + (dy * MomentY);
}
