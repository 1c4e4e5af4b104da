namespace Gengbao.Demo.Generation;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Our own generator instead of <see cref="Random"/> so the demo data stays
/// byte-identical across .NET versions, and so every village can get an independent stream keyed by its code
/// (which is what lets villages be generated in parallel and still come out the same).
/// </summary>
internal sealed class DemoRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public DemoRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A stream for one named purpose ("village 622921100201", "counties") under the run's seed.</summary>
    public static DemoRandom For(int seed, string purpose) => new(Hash(seed, purpose));

    /// <summary>FNV-1a over the purpose, mixed with the seed; stable across runs and platforms.</summary>
    public static ulong Hash(int seed, string purpose)
    {
        var hash = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (var c in purpose)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    public ulong NextULong()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Range(double min, double max) => min + (NextDouble() * (max - min));

    /// <summary>Uniform integer in [0, count).</summary>
    public int Next(int count) => (int)(NextDouble() * count);

    /// <summary>Uniform integer in [min, max] inclusive.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal by Box–Muller.</summary>
    public double Normal()
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>Rounds <paramref name="value"/> up or down at random so the expectation is preserved.</summary>
    public int RoundStochastic(double value)
    {
        var floor = Math.Floor(value);
        return (int)floor + (Chance(value - floor) ? 1 : 0);
    }

    /// <summary>Picks an index with probability proportional to <paramref name="weights"/>.</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }
        var target = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
