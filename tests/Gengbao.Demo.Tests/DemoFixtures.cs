namespace Gengbao.Demo.Tests;

/// <summary>One county (和政县, 126 villages) generated once for the whole test class, small enough to check exhaustively.</summary>
public sealed class CountyFixture : IDisposable
{
    public const int Size = 6000;
    public const string County = "622925";

    public CountyFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("demo-county-").FullName;
        Options = new DemoOptions(Seed: 7, Size: Size, County: County);
        Paths = DemoPrefecture.WriteGeoPackages(Options, Directory);
    }

    public string Directory { get; }
    public DemoOptions Options { get; }
    public IReadOnlyList<string> Paths { get; }
    public string Year2023 => Paths[0];
    public string Year2024 => Paths[1];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>The whole prefecture at the default size, generated once.</summary>
public sealed class PrefectureFixture : IDisposable
{
    public PrefectureFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("demo-prefecture-").FullName;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Paths = DemoPrefecture.WriteGeoPackages(new DemoOptions(), Directory);
        Elapsed = watch.Elapsed;
    }

    public string Directory { get; }
    public IReadOnlyList<string> Paths { get; }
    public TimeSpan Elapsed { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
