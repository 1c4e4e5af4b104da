using System.CommandLine;
using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Spectre.Console;

namespace Gengbao.Cli.Commands;

/// <summary><c>gengbao import FILE [--year Y] [--as LAYER] [--county C] [--report FILE] [--skip-invalid] [--qc] [--qc-report F]</c>.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "GeoPackage, Shapefile (.shp, folder or .zip), GeoJSON or File Geodatabase (.gdb)" };
        var year = new Option<int?>("--year") { Description = "Survey year of the data (default: its SJNF field)" };
        var asLayer = new Option<string?>("--as") { Description = "Layer type of a single-layer file: XZQ, DLTB, YJJBNT, GBZNT, PZYD or BHTB" };
        var county = new Option<string?>("--county") { Description = "County code for features with no location code outside known admin units" };
        var report = new Option<string?>("--report") { Description = "Write every problem found to this file" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the valid features and report the skipped ones" };
        var qc = new Option<bool>("--qc") { Description = "Run the quality checks (质检, as ./gengbao qc) first and refuse the file on any problem" };
        var qcReport = new Option<string?>("--qc-report") { Description = "With --qc (implied): write the quality report here (.html, .csv or .geojson)" };
        var command = new Command("import", "Import survey layers into the one map (all or nothing)") { file, year, asLayer, county, report, skipInvalid, qc, qcReport };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var options = new ImportOptions
            {
                Year = parse.GetValue(year),
                As = parse.GetValue(asLayer),
                County = parse.GetValue(county),
                SkipInvalid = parse.GetValue(skipInvalid),
            };
            var path = parse.GetValue(file)!;
            var reportPath = parse.GetValue(report);
            if (parse.GetValue(qc) || parse.GetValue(qcReport) is not null)
            {
                var problems = QcCommand.Check(path, options.As);
                if (parse.GetValue(qcReport) is { } qcPath)
                {
                    QcCommand.WriteReport(qcPath, $"质检 {Path.GetFileName(path)}", problems);
                }
                if (problems.Count > 0)
                {
                    foreach (var problem in problems.Take(20))
                    {
                        Console.Error.WriteLine($"  {problem}");
                    }
                    Console.Error.WriteLine($"refused: {problems.Count} quality problem(s){(parse.GetValue(qcReport) is { } p ? $", report in {p}" : " (--qc-report F writes them all)")}; nothing imported");
                    return 2;
                }
                Console.WriteLine("quality checks: no problems");
            }
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var importer = new OneMapImporter(dataSource);
            ImportResult result;
            try
            {
                result = await WithProgressAsync(progress => importer.ImportAsync(path, options, progress, ct));
            }
            catch (ImportFailedException e)
            {
                WriteReport(reportPath, e.Problems.Select(p => p.ToString()));
                throw;
            }
            WriteReport(reportPath, result.Skipped.Select(p => "skipped: " + p));
            foreach (var layer in result.Layers)
            {
                var replaced = layer.ReplacedVersionId is { } old ? $", replaces version {old}" : "";
                Console.WriteLine($"{layer.Layer} ({layer.SourceLayer}) county {layer.CountyCode} year {layer.Year}: {layer.FeatureCount} features, version {layer.VersionId}{replaced}");
            }
            foreach (var run in result.ScreeningRuns)
            {
                Console.WriteLine($"screening run {run.Id} queued for county {run.CountyCode} {run.Year}: {run.Reason} (the server screens it, or ./gengbao screen --pending)");
            }
            if (result.Skipped.Count > 0)
            {
                Console.WriteLine($"{result.Skipped.Count} invalid feature(s) skipped{(reportPath is null ? " (use --report FILE to list them)" : $", listed in {reportPath}")}");
            }
            return 0;
        }));
        return command;
    }

    private static void WriteReport(string? path, IEnumerable<string> lines)
    {
        if (path is not null)
        {
            File.WriteAllLines(path, lines);
        }
    }

    /// <summary>A progress bar per layer on a terminal; one line per layer when output is redirected (CI logs).</summary>
    private static async Task<T> WithProgressAsync<T>(Func<IProgress<ImportProgress>, Task<T>> work)
    {
        if (Console.IsOutputRedirected)
        {
            string? last = null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            return await work(new SyncProgress<ImportProgress>(p =>
            {
                var line = $"{p.Layer}: {p.Stage}";
                if (line != last)
                {
                    Console.WriteLine($"{clock.Elapsed.TotalSeconds,7:F2} s  {line}");
                    last = line;
                }
            }));
        }
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SyncProgress<ImportProgress>(p =>
                {
                    var key = p.Layer + " " + p.Stage;
                    if (!tasks.TryGetValue(key, out var task))
                    {
                        task = tasks[key] = context.AddTask($"{p.Layer}: {p.Stage}", maxValue: Math.Max(1, p.Total ?? p.Done));
                    }
                    task.MaxValue = Math.Max(task.MaxValue, p.Total ?? p.Done);
                    task.Value = p.Done;
                });
                var result = await work(progress);
                foreach (var task in tasks.Values)
                {
                    task.Value = task.MaxValue;
                }
                return result;
            });
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and race the bar's end).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
