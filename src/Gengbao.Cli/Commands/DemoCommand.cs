using System.CommandLine;
using Gengbao.Demo;
using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao demo [--seed N] [--size S] [--county C] [--out DIR] [--if-empty]</c>: generate the demo prefecture
/// (临夏州) deterministically; with --out write the GeoPackages only, else import them into the one map. Also creates
/// the demo accounts (<see cref="DemoAccounts"/>) that are missing, printing their passwords once.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same data)", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = "Land-use patches per survey year (prefecture, or the one county)", DefaultValueFactory = _ => 40_000 };
        var county = new Option<string?>("--county") { Description = "Generate only this county (e.g. 622921), for benchmarks" };
        var output = new Option<string?>("--out") { Description = "Write demo-2023.gpkg and demo-2024.gpkg here instead of importing" };
        var ifEmpty = new Option<bool>("--if-empty") { Description = "Do nothing when the one map already holds data" };
        var command = new Command("demo", "Generate the demo prefecture modelled on 临夏回族自治州") { seed, size, county, output, ifEmpty };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var options = new DemoOptions(parse.GetValue(seed), parse.GetValue(size), parse.GetValue(county));
            if (parse.GetValue(output) is { } directory)
            {
                Directory.CreateDirectory(directory);
                foreach (var file in DemoPrefecture.WriteGeoPackages(options, directory, ConsoleProgress()))
                {
                    Console.WriteLine($"wrote {file}");
                }
                return 0;
            }
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            await PrintDemoAccountsAsync(dataSource, ct);
            if (parse.GetValue(ifEmpty) && !await DatabaseBootstrap.IsEmptyAsync(dataSource, ct))
            {
                Console.WriteLine("the one map already holds data; demo not loaded");
                return 0;
            }
            var temp = Directory.CreateTempSubdirectory("gengbao-demo-");
            try
            {
                var files = DemoPrefecture.WriteGeoPackages(options, temp.FullName, ConsoleProgress());
                var importer = new OneMapImporter(dataSource);
                var landSurveys = new List<(int Year, string County)>();
                foreach (var file in files)
                {
                    var year = int.Parse(Path.GetFileNameWithoutExtension(file)[^4..], System.Globalization.CultureInfo.InvariantCulture);
                    var result = await importer.ImportAsync(file, new ImportOptions { Year = year }, null, ct);
                    foreach (var group in result.Layers.GroupBy(l => l.Layer))
                    {
                        Console.WriteLine($"demo {year} {group.Key}: {group.Sum(l => l.FeatureCount)} features in {group.Count()} county version(s)");
                    }
                    landSurveys.AddRange(result.Layers.Where(l => l.Layer == "DLTB").Select(l => (year, l.CountyCode)));
                    if (result.ScreeningRuns.Count > 0)
                    {
                        Console.WriteLine($"demo {year}: {result.ScreeningRuns.Count} screening run(s) queued for the server's worker");
                    }
                }
                // The survey-year comparison feeds the ledger's inflow and outflow; the server's worker runs it too.
                var (first, last) = (landSurveys.Min(l => l.Year), landSurveys.Max(l => l.Year));
                var comparisons = new Gengbao.Storage.Comparison.ComparisonJob(dataSource, threads: 1);
                foreach (var county in landSurveys.Where(l => l.Year == first).Select(l => l.County).Order(StringComparer.Ordinal))
                {
                    await comparisons.EnqueueAsync(county, first, last, "demo", ct);
                }
            }
            finally
            {
                temp.Delete(recursive: true);
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Creates the missing demo accounts and prints their passwords: the only time they are shown.</summary>
    private static async Task PrintDemoAccountsAsync(Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var created = await DemoAccounts.EnsureAsync(dataSource, ct);
        if (created.Count == 0)
        {
            return;
        }
        Console.WriteLine("demo accounts (passwords shown once; ./gengbao user add for more):");
        foreach (var (username, role, region, password) in created)
        {
            Console.WriteLine($"  {username,-14} {Gengbao.Security.Access.Roles.Name(role),-14} region {(region.Length == 0 ? "*" : region),-7} password {password}");
        }
    }

    private static IProgress<DemoProgress> ConsoleProgress()
    {
        string? last = null;
        return new Progress<DemoProgress>(p =>
        {
            // One line per tenth of each stage keeps logs short on a terminal and in CI alike.
            var tenth = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
            var line = $"demo: {p.Stage} {tenth * 10}%";
            if (line != last)
            {
                last = line;
                Console.Error.WriteLine(line);
            }
        });
    }
}
