namespace Gengbao.Demo;

/// <summary>What to generate.</summary>
/// <param name="Seed">Same seed and options give the same features, byte for byte.</param>
/// <param name="Size">
/// About how many land-use patches (DLTB) one survey year has, for the whole prefecture or for <paramref name="County"/>
/// alone; the change patches (BHTB) number about Size/60. At least a few per village group: every group has one patch.
/// </param>
/// <param name="County">A county code such as "622921" to generate only that county (as it lies in the prefecture).</param>
public sealed record DemoOptions(int Seed = 1, int Size = 40000, string? County = null);
