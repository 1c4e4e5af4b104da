using System.CommandLine;
using System.Globalization;
using Gengbao.Geo.Crs;
using Gengbao.Screening;

namespace Gengbao.Batch;

/// <summary>
/// <c>screen --input FILE.gpkg --out result.csv [--threads N] [--batch-size N] [--workers auto|threads|processes]</c>: screens every change patch (BHTB)
/// against DLTB, YJJBNT, GBZNT and PZYD of the same GeoPackage and writes one CSV row per patch ordered by JCBH
/// (docs/screening.md). The full CLI adds the database modes to the same options; the native tool has only these.
/// </summary>
public static class FileScreening
{
    public const string Description = "Screen change patches (BHTB) against cultivated land, farmland and approvals: green/yellow with reasons";

    /// <summary>The file mode's options, one set per command so the full and the native CLI parse alike.</summary>
    public sealed class Options
    {
        public Option<string> Input { get; } = new("--input") { Description = "GeoPackage with layers DLTB, YJJBNT, GBZNT, PZYD and BHTB" };

        public Option<string> Output { get; } = new("--out") { Description = "CSV file to write (jcbh,gd_mj,yjjbnt_mj,gbznt_mj,pzyd_mj,class,…)" };

        public Option<int> Threads { get; } = new("--threads") { Description = "Worker threads (results do not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount };

        public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Change patches read and screened together (bounds memory)", DefaultValueFactory = _ => 1024 };

        public Option<string> Workers { get; } = new Option<string>("--workers")
        {
            Description = $"threads: one process; processes: --threads processes of one thread each (scales better); auto: processes from {ScreeningProcesses.Threshold:N0} change patches",
            DefaultValueFactory = _ => "auto",
        }.AcceptOnlyFromAmong("auto", "threads", "processes");

        /// <summary>Internal: run as worker k of n for <see cref="ScreeningProcesses"/>, writing a part file to --out.</summary>
        public Option<string?> Part { get; } = new("--part") { Hidden = true };

        public void AddTo(Command command)
        {
            ArgumentNullException.ThrowIfNull(command);
            foreach (var option in new Option[] { Input, Output, Threads, BatchSize, Workers, Part })
            {
                command.Options.Add(option);
            }
        }

        /// <summary>Screens the file the command line names and prints a one-line summary; exit code 0.</summary>
        public int Run(ParseResult parse, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(parse);
            if (parse.GetValue(Input) is not { } input || parse.GetValue(Output) is not { } output)
            {
                throw new ArgumentException("give --input FILE.gpkg --out result.csv");
            }
            var options = new ScreeningRunOptions { Threads = parse.GetValue(Threads), BatchSize = parse.GetValue(BatchSize) };
            if (parse.GetValue(Part) is { } part)
            {
                var (k, n) = ParsePart(part);
                ScreeningProcesses.WritePart(output, Screen(input, options with { Threads = 1, Part = (k, n) }, null, cancellationToken));
                return 0;
            }
            var workers = parse.GetValue(Workers) ?? "auto";
            // Workers are this executable again; not when hosted by something else (dotnet gengbao.dll, a test host).
            var self = Environment.ProcessPath is { } path && Path.GetFileName(path) is "gengbao" or "gengbao-native" ? path : null;
            var count = FileScreening.Run(input, output, options, workers == "threads" ? null : self, workers == "processes", cancellationToken);
            Console.WriteLine($"screened {count} change patches into {output}");
            return 0;
        }
    }

    /// <summary>The <c>screen</c> command of the native tool: the file mode alone.</summary>
    public static Command CreateCommand()
    {
        var options = new Options();
        var command = new Command("screen", Description);
        options.AddTo(command);
        command.SetAction((parse, ct) => Task.FromResult(BatchErrors.Run(() => options.Run(parse, ct))));
        return command;
    }

    /// <summary>
    /// Screens <paramref name="inputPath"/> into <paramref name="outputPath"/> and returns the number of patches. Bad input
    /// throws <see cref="Import.SourceFileException"/> naming file, layer and feature; the CSV then does not exist (it is
    /// written to <c>.partial</c> and renamed only when complete).
    /// </summary>
    public static int Run(string inputPath, string outputPath, ScreeningRunOptions options, CancellationToken cancellationToken = default) =>
        Run(inputPath, outputPath, options, null, false, cancellationToken);

    /// <summary>
    /// As <see cref="Run(string, string, ScreeningRunOptions, CancellationToken)"/>, in worker processes of
    /// <paramref name="workerExecutable"/> (this CLI) instead of threads when there are several threads and
    /// <paramref name="forceProcesses"/> is set or the file has at least <see cref="ScreeningProcesses.Threshold"/>
    /// change patches. Same output either way.
    /// </summary>
    public static int Run(string inputPath, string outputPath, ScreeningRunOptions options, string? workerExecutable, bool forceProcesses,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        IReadOnlyList<PatchScreening> results;
        using (var source = GeoPackageScreeningSource.Open(inputPath))
        {
            if (workerExecutable is not null && options.Threads > 1 && (forceProcesses || source.CountChangePatches() >= ScreeningProcesses.Threshold))
            {
                return ScreeningProcesses.Run(workerExecutable, inputPath, outputPath, options.Threads, options.BatchSize, cancellationToken);
            }
            results = Screen(source, options, null, cancellationToken);
        }
        WholeFile.Write(outputPath, writer => ScreeningCsv.Write(writer, results));
        return results.Count;
    }

    private static (int Index, int Count) ParsePart(string part)
    {
        var slash = part.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && int.TryParse(part[..slash], CultureInfo.InvariantCulture, out var k) && int.TryParse(part[(slash + 1)..], CultureInfo.InvariantCulture, out var n)
                         && n >= 1 && k >= 0 && k < n
            ? (k, n)
            : throw new ArgumentException($"--part {part}: expected k/n with 0 <= k < n");
    }

    /// <summary>
    /// The results of screening <paramref name="inputPath"/>, unrounded, by the engine <paramref name="engineFor"/> makes
    /// for the file's zone (default: the reference rule), for tests that compare engine settings on real files.
    /// </summary>
    public static IReadOnlyList<PatchScreening> Screen(string inputPath, ScreeningRunOptions options,
        Func<GaussKrugerZone, ScreeningEngine>? engineFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        using var source = GeoPackageScreeningSource.Open(inputPath);
        return Screen(source, options, engineFor, cancellationToken);
    }

    private static IReadOnlyList<PatchScreening> Screen(GeoPackageScreeningSource source, ScreeningRunOptions options,
        Func<GaussKrugerZone, ScreeningEngine>? engineFor, CancellationToken cancellationToken)
    {
        var engine = engineFor?.Invoke(source.Zone) ?? new ScreeningEngine(source.Zone);
        try
        {
            return ScreeningPipeline.Run(source, engine, options, cancellationToken);
        }
        catch (ScreeningInputException e)
        {
            throw source.Explain(e);
        }
    }

    private static void CheckOptions(ScreeningRunOptions options)
    {
        if (options.Threads < 1 || options.BatchSize < 1)
        {
            throw new ArgumentException("--threads and --batch-size must be at least 1");
        }
    }
}
