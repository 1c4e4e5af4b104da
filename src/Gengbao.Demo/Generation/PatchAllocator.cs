using Gengbao.Demo.Geography;

namespace Gengbao.Demo.Generation;

/// <summary>
/// Shares the requested patch count out over the village groups by area and relief: towns and valley floors are cut
/// into more, smaller patches than the mountains, as in real survey data.
/// </summary>
internal static class PatchAllocator
{
    /// <summary>
    /// Pieces cut off by concave group boundaries and the 2024 change pieces add a few patches; aim a little low so the
    /// 2023 count lands on the requested size.
    /// </summary>
    private const double Calibration = 0.985;

    public static void Allocate(AdminModel model, int size, int seed)
    {
        var groups = model.Groups.ToList();
        var terrain = new Terrain(seed);
        foreach (var group in groups)
        {
            var point = group.Centre;
            var zone = Terrain.Zone(terrain.Elevation(point.X, point.Y, Terrain.RiverDistance(point.X, point.Y)));
            group.PatchWeight = group.Geometry.Area * Terrain.PatchDensity(zone, group.Urban);
        }
        var total = groups.Sum(g => g.PatchWeight);
        foreach (var group in groups)
        {
            var random = DemoRandom.For(seed, "patch count " + group.Code);
            group.PatchCount = Math.Max(1, random.RoundStochastic(size * Calibration * group.PatchWeight / total));
        }
    }
}
