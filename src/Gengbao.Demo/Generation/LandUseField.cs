using Gengbao.Demo.Geography;

namespace Gengbao.Demo.Generation;

/// <summary>
/// The noise fields shared by all villages of a run. Each decision reads its own field, so classes form clusters
/// (a field varies slowly) that are independent of each other (different fields).
/// </summary>
internal sealed class LandUseField(int seed)
{
    public Terrain Terrain { get; } = new(seed);

    /// <summary>Which class of the relief zone's mix: field blocks of about 700 m.</summary>
    public ClusterField Mix { get; } = new(DemoRandom.Hash(seed, "class mix"), 700);

    /// <summary>Which class of the town mix: city blocks of about 250 m.</summary>
    public ClusterField Blocks { get; } = new(DemoRandom.Hash(seed, "town blocks"), 250);

    /// <summary>Rare clusters: mines, logistics yards, greenhouse estates.</summary>
    public NoiseField Special { get; } = new(DemoRandom.Hash(seed, "special"), 2_500, 3);

    /// <summary>Ponds and ditches along the valleys.</summary>
    public NoiseField Water { get; } = new(DemoRandom.Hash(seed, "ponds"), 900, 2);

    /// <summary>Wobble of village cores so they are not discs.</summary>
    public NoiseField Core { get; } = new(DemoRandom.Hash(seed, "village cores"), 400, 2);

    /// <summary>Which cultivated land was designated permanent basic farmland.</summary>
    public NoiseField Protection { get; } = new(DemoRandom.Hash(seed, "basic farmland"), 2_000, 3);
}
