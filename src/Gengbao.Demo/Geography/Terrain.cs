using Gengbao.Demo.Generation;

namespace Gengbao.Demo.Geography;

/// <summary>Relief zones, from the irrigated valley floors to the high mountains.</summary>
internal enum ReliefZone
{
    Valley,
    Slope,
    Hill,
    Mountain,
}

/// <summary>
/// A plausible relief for Linxia: the 太子山 range along the southern border, the 积石山 mountains in the west, loess
/// hills in between, cut by the valleys of the 黄河, 大夏河, 洮河 and 广通河. An index, not metres: 0 is a valley floor,
/// 1 a high ridge.
/// </summary>
internal sealed class Terrain
{
    private readonly NoiseField _relief;
    private readonly NoiseField _detail;

    public Terrain(int seed)
    {
        _relief = new NoiseField(DemoRandom.Hash(seed, "relief"), 22_000, 4);
        _detail = new NoiseField(DemoRandom.Hash(seed, "relief detail"), 4_000, 3);
    }

    public double Elevation(double x, double y, double riverDistance)
    {
        var south = SmoothStep(3_925_000, 3_898_000, y);
        var west = SmoothStep(34_585_000, 34_552_000, x);
        var e = 0.36 + (0.32 * south) + (0.26 * west)
            + (0.55 * (_relief.Uniform(x, y) - 0.5))
            + (0.22 * (_detail.Uniform(x, y) - 0.5));
        return e - (0.42 * Math.Exp(-riverDistance / 3_500));
    }

    public static ReliefZone Zone(double elevation) => elevation switch
    {
        < 0.30 => ReliefZone.Valley,
        < 0.55 => ReliefZone.Slope,
        < 0.75 => ReliefZone.Hill,
        _ => ReliefZone.Mountain,
    };

    /// <summary>Distance to the nearest river centre line over all rivers, m.</summary>
    public static double RiverDistance(double x, double y)
    {
        var best = double.MaxValue;
        foreach (var river in LinxiaGeography.Rivers)
        {
            best = Math.Min(best, Partition.Geom.DistanceToLine(x, y, river.Line));
        }
        return best;
    }

    /// <summary>Relative patch density: towns and irrigated valleys are cut into more, smaller patches than mountains.</summary>
    public static double PatchDensity(ReliefZone zone, bool urban) => urban ? 3.0 : zone switch
    {
        ReliefZone.Valley => 1.6,
        ReliefZone.Slope => 1.0,
        ReliefZone.Hill => 0.7,
        _ => 0.45,
    };

    private static double SmoothStep(double from, double to, double value)
    {
        var t = Math.Clamp((value - from) / (to - from), 0, 1);
        return t * t * (3 - (2 * t));
    }
}
