using System.CommandLine;
using Gengbao.Import;
using Gengbao.Screening;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao screen --input FILE.gpkg --out result.csv [--threads N] [--batch-size N]</c>: screens every change patch
/// (BHTB) against DLTB, YJJBNT, GBZNT and PZYD of the same GeoPackage and writes one CSV row per patch ordered by JCBH
/// (docs/screening.md). Public so the screening tests run exactly this path in-process.
/// </summary>
public static class ScreenCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "GeoPackage with layers DLTB, YJJBNT, GBZNT, PZYD and BHTB" };
        var output = new Option<string>("--out") { Description = "CSV file to write (jcbh,gd_mj,yjjbnt_mj,gbznt_mj,pzyd_mj,class,…)" };
        var region = new Option<string>("--region") { Description = "Screen the change patches stored in the database for this county (6 digits) or prefecture (4); results stored" };
        var year = new Option<int?>("--year") { Description = "With --region: year of the change patches" };
        var pending = new Option<bool>("--pending") { Description = "Run every queued screening run (e.g. queued by imports) now, in this process" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (results do not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var batchSize = new Option<int>("--batch-size") { Description = "Change patches read and screened together (bounds memory)", DefaultValueFactory = _ => 1024 };
        var command = new Command("screen", "Screen change patches (BHTB) against cultivated land, farmland and approvals: green/yellow with reasons")
        {
            input, output, threads, batchSize, region, year, pending,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(() =>
        {
            if (parse.GetValue(region) is { } stored)
            {
                return StoredScreening.RunAsync(stored, parse.GetValue(year) ?? throw new ArgumentException("--region needs --year"), parse.GetValue(threads), ct);
            }
            if (parse.GetValue(pending))
            {
                return StoredScreening.RunPendingAsync(parse.GetValue(threads), ct);
            }
            if (parse.GetValue(input) is null || parse.GetValue(output) is null)
            {
                throw new ArgumentException("give --input FILE.gpkg --out result.csv, or --region CODE --year Y, or --pending");
            }
            var options = new ScreeningRunOptions { Threads = parse.GetValue(threads), BatchSize = parse.GetValue(batchSize) };
            var count = Run(parse.GetValue(input)!, parse.GetValue(output)!, options, ct);
            Console.WriteLine($"screened {count} change patches into {parse.GetValue(output)}");
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>
    /// Screens <paramref name="inputPath"/> into <paramref name="outputPath"/> and returns the number of patches. Bad input
    /// throws <see cref="SourceFileException"/> naming file, layer and feature; the CSV then does not exist (it is written
    /// to <c>.partial</c> and renamed only when complete).
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
        Func<Geo.Crs.GaussKrugerZone, ScreeningEngine>? engineFor, CancellationToken cancellationToken = default)
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
