using System.CommandLine;
using Gengbao.Import.Layers;
using Gengbao.Import.Quality;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao qc FILE [--out DIR]</c>: quality checks (质检) of every one-map layer of a file, without touching the
/// database; writes qc.csv, qc.html and qc.geojson (problem locations) and exits 2 when any problem is found.
/// </summary>
internal static class QcCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "GeoPackage, Shapefile or GeoJSON" };
        var output = new Option<string?>("--out") { Description = "Folder for the report (default: beside the file)" };
        var command = new Command("qc", "Quality checks: topology, attribute domains, area consistency; CSV/HTML/GeoJSON report") { file, output };
        command.SetAction(parse => CliErrors.RunAsync(() =>
        {
            var path = parse.GetValue(file)!;
            var problems = Check(path, null);
            var folder = parse.GetValue(output) ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "qc.csv"), QualityReport.Csv(problems));
            File.WriteAllText(Path.Combine(folder, "qc.html"), QualityReport.Html($"质检 {Path.GetFileName(path)}", problems));
            File.WriteAllText(Path.Combine(folder, "qc.geojson"), QualityReport.GeoJson(problems));
            foreach (var group in problems.GroupBy(p => (p.Layer, p.Check)))
            {
                Console.WriteLine($"{group.Key.Layer}: {group.Key.Check}: {group.Count()}");
            }
            Console.WriteLine($"{problems.Count} problem(s); report in {Path.Combine(folder, "qc.html")}");
            return Task.FromResult(problems.Count == 0 ? 0 : 2);
        }));
        return command;
    }

    /// <summary>The quality problems of every one-map layer of a file (<paramref name="asLayer"/>: the layer type of a single-layer file).</summary>
    public static List<QualityProblem> Check(string path, string? asLayer)
    {
        var problems = new List<QualityProblem>();
        var sources = Gengbao.Storage.OneMap.SourceOpener.Open(path);
        try
        {
            foreach (var source in sources)
            {
                var schema = asLayer is not null && sources.Count == 1 ? LayerSchemas.ByName(asLayer) : LayerSchemas.Detect(source.Name);
                if (schema is null)
                {
                    continue;
                }
                var required = schema.Columns.Where(c => c.Required).Select(c => c.Code).ToList();
                problems.AddRange(QualityChecker.Check(source, QualityOptions.For(schema.Code), required));
            }
        }
        finally
        {
            foreach (var s in sources)
            {
                s.Dispose();
            }
        }
        return problems;
    }

    /// <summary>Writes the problems to <paramref name="path"/>: CSV for .csv, GeoJSON for .geojson, else printable HTML.</summary>
    public static void WriteReport(string path, string title, IReadOnlyCollection<QualityProblem> problems) =>
        File.WriteAllText(path, Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => QualityReport.Csv(problems),
            ".geojson" or ".json" => QualityReport.GeoJson(problems),
            _ => QualityReport.Html(title, problems),
        });
}
