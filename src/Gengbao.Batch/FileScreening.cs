using System.CommandLine;
using Gengbao.Geo.Crs;
using Gengbao.Screening;

namespace Gengbao.Batch;

/// <summary>
/// <c>screen --input FILE.gpkg --out result.csv [--threads N] [--batch-size N]</c>: screens every change patch (BHTB)
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

        public void AddTo(Command command)
        {
            ArgumentNullException.ThrowIfNull(command);
            foreach (var option in new Option[] { Input, Output, Threads, BatchSize })
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
            var count = FileScreening.Run(input, output, options, cancellationToken);
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
    public static int Run(string inputPath, string outputPath, ScreeningRunOptions options, CancellationToken cancellationToken = default)
    {
        var results = Screen(inputPath, options, null, cancellationToken);
        WholeFile.Write(outputPath, writer => ScreeningCsv.Write(writer, results));
        return results.Count;
    }

    /// <summary>
    /// The results of screening <paramref name="inputPath"/>, unrounded, by the engine <paramref name="engineFor"/> makes
    /// for the file's zone (default: the reference rule), for tests that compare engine settings on real files.
    /// </summary>
    public static IReadOnlyList<PatchScreening> Screen(string inputPath, ScreeningRunOptions options,
        Func<GaussKrugerZone, ScreeningEngine>? engineFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threads < 1 || options.BatchSize < 1)
        {
            throw new ArgumentException("--threads and --batch-size must be at least 1");
        }
        using var source = GeoPackageScreeningSource.Open(inputPath);
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
}
