using System.Runtime.CompilerServices;
namespace Gengbao.Demo.Generation;

/// <summary>
/// Deterministic 2D value noise with fractal octaves, in [0, 1], over projected metres. Nearby points get nearby
/// values, which is what makes land classes come out in clusters instead of salt-and-pepper.
/// </summary>
internal sealed class NoiseField(ulong seed, double wavelength, int octaves = 3)
{
    private readonly ulong _seed = seed;
    private readonly double _frequency = 1.0 / wavelength;
    private readonly int _octaves = octaves;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double At(double x, double y)
    {
        var sum = 0.0;
        var norm = 0.0;
        var amplitude = 1.0;
        var frequency = _frequency;
        for (var octave = 0; octave < _octaves; octave++)
        {
            sum += amplitude * Single(x * frequency, y * frequency, (ulong)octave);
            norm += amplitude;
            amplitude *= 0.5;
            frequency *= 2.0;
        }
        return sum / norm;
    }

    /// <summary>
    /// The value mapped through the normal CDF of its measured spread (σ ≈ 0.226, 0.168, 0.148, 0.139 for 1–4
    /// octaves), so it is roughly uniform on [0, 1] and thresholds read as fractions of the area.
    /// </summary>
    public double Uniform(double x, double y)
    {
        var sigma = _octaves switch { 1 => 0.226, 2 => 0.168, 3 => 0.148, _ => 0.139 };
        return NormalCdf((At(x, y) - 0.5) / sigma);
    }

    /// <summary>Φ(z) by the Abramowitz–Stegun 7.1.26 erf approximation (error below 1.5e-7).</summary>
    private static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1.0 / (1.0 + (0.3275911 * x));
        var poly = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        var erf = 1.0 - (poly * Math.Exp(-x * x));
        return z >= 0 ? 0.5 * (1.0 + erf) : 0.5 * (1.0 - erf);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Single(double x, double y, ulong octave)
    {
        var x0 = Math.Floor(x);
        var y0 = Math.Floor(y);
        var ix = (long)x0;
        var iy = (long)y0;
        var fx = Smooth(x - x0);
        var fy = Smooth(y - y0);
        var a = Lattice(ix, iy, octave);
        var b = Lattice(ix + 1, iy, octave);
        var c = Lattice(ix, iy + 1, octave);
        var d = Lattice(ix + 1, iy + 1, octave);
        var top = a + ((b - a) * fx);
        var bottom = c + ((d - c) * fx);
        return top + ((bottom - top) * fy);
    }

    private static double Smooth(double t) => t * t * t * ((t * ((t * 6) - 15)) + 10);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Lattice(long ix, long iy, ulong octave)
    {
        var h = _seed ^ (octave * 0x9E3779B97F4A7C15UL);
        h ^= (ulong)ix * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 31)) * 0x94D049BB133111EBUL;
        h ^= (ulong)iy * 0xD6E8FEB86659FD93UL;
        h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}
