using System.Diagnostics;
using Gengbao.Screening.Tests.Comparison;
using Gengbao.TestSupport;

namespace Gengbao.Screening.Tests;

/// <summary>
/// The native (ahead-of-time compiled) build that <c>./gengbao screen|compare</c> run on files: its output is byte for
/// byte that of the ReadyToRun CLI, its errors are the same messages with exit code 1 and no output left behind, and
/// the wrapper picks it for the file modes. ./test builds it (<c>./gengbao --build</c>) after installing clang.
/// </summary>
public sealed class NativeBuildTest(DemoYearsFixture demo) : IClassFixture<DemoYearsFixture>, IDisposable
{
    private static readonly string Native = Path.Combine(SharedData.RepositoryRoot, "src/Gengbao.Batch.Native/bin/Release/native/gengbao-native");

    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-native-").FullName;

    [Fact]
    public void ScreeningTheSampleEqualsTheFullCliByteForByte()
    {
        var native = Run(Native, "screen", "--input", SharedData.SampleGeoPackage, "--out", Out("native.csv"));
        var full = Run(Wrapper, "screen", "--input", SharedData.SampleGeoPackage, "--out", Out("full.csv"), "--threads", "1", "--env", "GENGBAO_NATIVE=0");

        Assert.Equal((0, $"screened 500 change patches into {Out("native.csv")}\n", ""), native);
        Assert.Equal(0, full.Exit);
        Assert.Equal(File.ReadAllBytes(Out("full.csv")), File.ReadAllBytes(Out("native.csv")));
        // The reference's first six columns, for all 500 patches (areas and classes as SampleScreeningTest checks them).
        Assert.Equal(501, File.ReadLines(Out("native.csv")).Count());
    }

    [Fact]
    public void TheWrapperRunsTheNativeBuildForTheFileModesOnly()
    {
        var fullCli = Path.Combine(SharedData.RepositoryRoot, "src/Gengbao.Cli/bin/Release/r2r/gengbao");
        string Ran(params string[] args)
        {
            // GENGBAO_DB: the database modes must fail fast, never reach a developer's own cluster.
            var (_, _, stderr) = Run(Wrapper, [.. args, "--env", "GENGBAO_TRACE=1", "GENGBAO_DB=Host=127.0.0.1;Port=1;Timeout=2"]);
            var line = stderr.Split('\n').First(l => l.StartsWith("gengbao: running ", StringComparison.Ordinal));
            return line["gengbao: running ".Length..];
        }

        Assert.Equal(Native, Ran("screen", "--input", SharedData.SampleGeoPackage, "--out", Out("a.csv")));
        Assert.Equal(Native, Ran("compare", "--before", demo.Before, "--after", demo.After, "--out", Out("b.csv")));
        Assert.Equal(fullCli, Ran("screen", "--help"));
        Assert.Equal(fullCli, Ran("screen", "--input", SharedData.SampleGeoPackage, "--out", Out("c.csv"), "--region", "6229"));
        Assert.Equal(fullCli, Ran("compare", "--county", "622921", "--before-year", "2023", "--after-year", "2024"));
        Assert.Equal(fullCli, Ran("screen", "--input", SharedData.SampleGeoPackage, "--out", Out("d.csv"), "--env", "GENGBAO_NATIVE=0"));
        Assert.Equal(File.ReadAllBytes(Out("a.csv")), File.ReadAllBytes(Out("d.csv")));
    }

    [Fact]
    public void ComparingTwoYearsEqualsTheFullCliByteForByte()
    {
        var native = Run(Native, "compare", "--before", demo.Before, "--after", demo.After, "--out", Out("native.csv"));
        var full = Run(Wrapper, "compare", "--before", demo.Before, "--after", demo.After, "--out", Out("full.csv"), "--env", "GENGBAO_NATIVE=0");

        Assert.Equal(0, native.Exit);
        Assert.Equal(full, native);
        Assert.Equal(File.ReadAllBytes(Out("full.csv")), File.ReadAllBytes(Out("native.csv")));
    }

    [Fact]
    public void BadInputIsTheSameErrorAndNoFile()
    {
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "bow-tie.gpkg"))
        {
            gpkg.SetGeometry("BHTB", 17, "MULTIPOLYGON(((34600000 3930000,34600100 3930100,34600100 3930000,34600000 3930100,34600000 3930000)))", 4522);
        }

        var native = Run(Native, "screen", "--input", Out("bow-tie.gpkg"), "--out", Out("bad.csv"));
        var full = Run(Wrapper, "screen", "--input", Out("bow-tie.gpkg"), "--out", Out("bad.csv"), "--env", "GENGBAO_NATIVE=0");

        Assert.Equal(1, native.Exit);
        Assert.StartsWith($"error: {Out("bow-tie.gpkg")}: layer BHTB: feature 17 (JCBH ", native.Stderr, StringComparison.Ordinal);
        Assert.Equal(full, native);
        Assert.False(File.Exists(Out("bad.csv")));
        Assert.False(File.Exists(Out("bad.csv.partial")));
    }

    [Fact]
    public void WorkerProcessesWriteWhatThreadsWrite()
    {
        // --workers processes: each of 2 processes screens every other batch; the merged CSV is the threads' CSV.
        var threads = Run(Native, "screen", "--input", SharedData.SampleGeoPackage, "--out", Out("threads.csv"), "--workers", "threads", "--batch-size", "64");
        var temp = Directory.CreateDirectory(Out("tmp")).FullName; // where the part files go, to see them removed
        var native = Run(Native, "screen", "--input", SharedData.SampleGeoPackage, "--out", Out("native.csv"), "--workers", "processes", "--threads", "2", "--batch-size", "64",
            "--env", $"TMPDIR={temp}");
        var full = Run(Wrapper, "screen", "--input", SharedData.SampleGeoPackage, "--out", Out("full.csv"), "--workers", "processes", "--threads", "3", "--env", "GENGBAO_NATIVE=0");

        Assert.Equal(0, threads.Exit);
        Assert.Equal((0, $"screened 500 change patches into {Out("native.csv")}\n", ""), native);
        Assert.Equal(0, full.Exit);
        Assert.Equal(File.ReadAllBytes(Out("threads.csv")), File.ReadAllBytes(Out("native.csv")));
        Assert.Equal(File.ReadAllBytes(Out("threads.csv")), File.ReadAllBytes(Out("full.csv")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
        // Processes they were: the run says so when traced, and a small file by default stays in threads.
        Assert.Contains("screening in 2 worker processes", Run(Native, "screen", "--input", SharedData.SampleGeoPackage, "--out", Out("traced.csv"),
            "--workers", "processes", "--threads", "2", "--env", "GENGBAO_TRACE=1").Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("worker processes", Run(Native, "screen", "--input", SharedData.SampleGeoPackage, "--out", Out("auto.csv"),
            "--threads", "2", "--env", "GENGBAO_TRACE=1").Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AWorkerProcessesErrorIsTheRunsErrorAndNoFile()
    {
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "bow-tie-2.gpkg"))
        {
            gpkg.SetGeometry("BHTB", 17, "MULTIPOLYGON(((34600000 3930000,34600100 3930100,34600100 3930000,34600000 3930100,34600000 3930000)))", 4522);
        }

        var threads = Run(Native, "screen", "--input", Out("bow-tie-2.gpkg"), "--out", Out("bad.csv"), "--workers", "threads");
        var processes = Run(Native, "screen", "--input", Out("bow-tie-2.gpkg"), "--out", Out("bad.csv"), "--workers", "processes", "--threads", "2");

        Assert.Equal(1, processes.Exit);
        Assert.StartsWith($"error: {Out("bow-tie-2.gpkg")}: layer BHTB: feature 17 (JCBH ", processes.Stderr, StringComparison.Ordinal);
        Assert.Equal(threads, processes);
        Assert.False(File.Exists(Out("bad.csv")));
        Assert.False(File.Exists(Out("bad.csv.partial")));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string Wrapper => Path.Combine(SharedData.RepositoryRoot, "gengbao");

    private string Out(string name) => Path.Combine(_work, name);

    /// <summary>Runs a process (arguments after <c>--env</c> are NAME=VALUE pairs for its environment) and waits up to 5 minutes.</summary>
    private static (int Exit, string Stdout, string Stderr) Run(string executable, params string[] args)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = SharedData.RepositoryRoot };
        var split = Array.IndexOf(args, "--env");
        foreach (var arg in split < 0 ? args : args[..split])
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var pair in split < 0 ? [] : args[(split + 1)..].Where(a => a != "--env"))
        {
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{executable} {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
