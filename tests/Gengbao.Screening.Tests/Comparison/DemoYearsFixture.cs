using Gengbao.Demo;

namespace Gengbao.Screening.Tests.Comparison;

/// <summary>Two demo survey years (seed 3, 8,000 patches), generated once for all comparison tests.</summary>
public sealed class DemoYearsFixture : IDisposable
{
    public DemoYearsFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("gengbao-compare-demo-").FullName;
        DemoPrefecture.WriteGeoPackages(new DemoOptions(Seed: 3, Size: 8000), Directory);
    }

    public string Directory { get; }

    public string Before => Path.Combine(Directory, "demo-2023.gpkg");

    public string After => Path.Combine(Directory, "demo-2024.gpkg");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
