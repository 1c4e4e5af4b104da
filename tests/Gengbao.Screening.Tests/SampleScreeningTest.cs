using Gengbao.Batch;
using Gengbao.Cli.Commands;
using Gengbao.TestSupport;

namespace Gengbao.Screening.Tests;

/// <summary>
/// The `screen` command's own code path (<see cref="FileScreening.Run"/>: GeoPackage source, pipeline, engine, CSV) on
/// the sample county reproduces the PostGIS reference shared/data/screen_S.csv row by row.
/// </summary>
public sealed class SampleScreeningTest : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-screen-").FullName;

    [Fact]
    public void SampleReproducesThePostGisReference()
    {
        var output = Path.Combine(_work, "screen.csv");

        var count = FileScreening.Run(SharedData.SampleGeoPackage, output, new ScreeningRunOptions { Threads = 2 });

        Assert.Equal(500, count);
        ReferenceScreening.AssertAgrees(ReferenceScreening.Read(SharedData.File("screen_S.csv")), ReferenceScreening.Read(output));
        Assert.False(File.Exists(output + ".partial"));
    }

    [Fact]
    public void OutputIsByteIdenticalForAnyThreadCountAndBatchSize()
    {
        var one = Path.Combine(_work, "one.csv");
        var many = Path.Combine(_work, "many.csv");

        FileScreening.Run(SharedData.SampleGeoPackage, one, new ScreeningRunOptions { Threads = 1, BatchSize = 10_000 });
        FileScreening.Run(SharedData.SampleGeoPackage, many, new ScreeningRunOptions { Threads = 3, BatchSize = 37 });

        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(many));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
