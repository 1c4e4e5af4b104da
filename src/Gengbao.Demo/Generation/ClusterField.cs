using System.Runtime.CompilerServices;

namespace Gengbao.Demo.Generation;

/// <summary>
/// A value in [0, 1) that is constant over irregular blocks of about <c>size</c> metres: the nearest of a jittered
/// lattice of block centres, after warping the position with noise so block edges wander. Land classes drawn per block
/// come out as field blocks with sharp, irregular edges, instead of the concentric bands a smooth field would give.
/// </summary>
internal sealed class ClusterField(ulong seed, double size)
{
    private readonly ulong _seed = seed;
    private readonly double _size = size;
    private readonly NoiseField _warpX = new(seed ^ 0x5851F42D4C957F2DUL, size * 1.3, 2);
    private readonly NoiseField _warpY = new(seed ^ 0x14057B7EF767814FUL, size * 1.3, 2);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double At(double x, double y)
    {
        var wx = x + (_size * 0.8 * (_warpX.At(x, y) - 0.5));
        var wy = y + (_size * 0.8 * (_warpY.At(x, y) - 0.5));
        var cx = (long)Math.Floor(wx / _size);
        var cy = (long)Math.Floor(wy / _size);
        var best = double.MaxValue;
        ulong bestHash = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                var hash = Hash(cx + dx, cy + dy);
                var px = (cx + dx + ((hash & 0xFFFF) / 65536.0)) * _size;
                var py = (cy + dy + (((hash >> 16) & 0xFFFF) / 65536.0)) * _size;
                var d = ((px - wx) * (px - wx)) + ((py - wy) * (py - wy));
                if (d < best)
                {
                    best = d;
                    bestHash = hash;
                }
            }
        }
        return (bestHash >> 11) * (1.0 / (1UL << 53));
    }

    private ulong Hash(long ix, long iy)
    {
        var h = _seed ^ ((ulong)ix * 0x9E3779B97F4A7C15UL);
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h ^= (ulong)iy * 0xD6E8FEB86659FD93UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }
}
