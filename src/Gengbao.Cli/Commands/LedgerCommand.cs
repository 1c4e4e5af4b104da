using System.CommandLine;
using System.Globalization;
using System.Text;
using Gengbao.Batch;
using Gengbao.Geo.Codes;
using Gengbao.Storage.Database;
using Gengbao.Storage.Ledger;

namespace Gengbao.Cli.Commands;

/// <summary><c>gengbao ledger --level village [--county CODE] [--year Y] --out FILE.csv</c>: cultivated land and PBF per unit from the database.</summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var level = new Option<string>("--level") { Description = "village, township, county or prefecture", DefaultValueFactory = _ => "village" };
        var county = new Option<string?>("--county") { Description = "Only this county (6-digit code)" };
        var year = new Option<int?>("--year") { Description = "Survey year (default: the latest loaded)" };
        var output = new Option<string>("--out") { Description = "CSV file to write", Required = true };
        var command = new Command("ledger", "Per-unit totals of cultivated land and permanent basic farmland (TBMJ sums and counts)") { level, county, year, output };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var unitLevel = parse.GetValue(level)!.ToLowerInvariant() switch
            {
                "village" => AdminLevel.Village,
                "township" => AdminLevel.Township,
                "county" => AdminLevel.County,
                "prefecture" => AdminLevel.Prefecture,
                var other => throw new ArgumentException($"--level {other}: use village, township, county or prefecture"),
            };
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var surveyYear = parse.GetValue(year) ?? await LatestYearAsync(dataSource, ct);
            var rows = await new UnitTotalsQuery(dataSource).RunAsync(unitLevel, surveyYear, parse.GetValue(county), ct);
            var inv = CultureInfo.InvariantCulture;
            var csv = new StringBuilder("xzqdm,xzqmc,gd_mj,gd_count,yjjbnt_mj,yjjbnt_count\n");
            foreach (var r in rows)
            {
                csv.Append(inv, $"{r.Code},{Csv(r.Name)},{r.CultivatedArea:F2},{r.CultivatedCount},{r.PbfArea:F2},{r.PbfCount}\n");
            }
            var outPath = parse.GetValue(output)!;
            WholeFile.Write(outPath, writer => writer.Write(csv.ToString()));
            Console.WriteLine($"{rows.Count} {parse.GetValue(level)} rows for {surveyYear} written to {outPath}");
            return 0;
        }));
        return command;
    }

    private static string Csv(string text) => text.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static async Task<int> LatestYearAsync(Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT max(year) FROM layer_version WHERE layer = 'DLTB' AND status = 'current'");
        return await command.ExecuteScalarAsync(ct) is int y ? y : throw new InvalidOperationException("no DLTB layer is loaded; import one first");
    }
}
