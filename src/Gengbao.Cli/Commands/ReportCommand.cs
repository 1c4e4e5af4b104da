using System.CommandLine;
using Gengbao.Batch;
using Gengbao.Ledger.Assessment;
using Gengbao.Ledger.Reports;
using Gengbao.Storage.Database;
using Gengbao.Storage.Ledger;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao report --unit CODE --year Y [--quarter Q] --out DIR</c>: the farmland ledger's statistical report as
/// DIR/report.xlsx and DIR/report.html (docs/ledger.md §6). <c>gengbao targets import FILE</c>: protection targets.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var unit = new Option<string>("--unit") { Description = "Unit code (6, 9 or 12 digits: prefecture 6229, county 622921, township, village)", Required = true };
        var year = new Option<int>("--year") { Description = "Survey year", Required = true };
        var quarter = new Option<int?>("--quarter") { Description = "1-4 for a quarterly report (patrol completion of the quarter)" };
        var output = new Option<string>("--out") { Description = "Directory for report.xlsx and report.html", Required = true };
        var command = new Command("report", "Statistical report of the farmland ledger: Excel workbook and printable HTML") { unit, year, quarter, output };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var report = await new LedgerReportBuilder(dataSource).BuildAsync(parse.GetValue(unit)!, parse.GetValue(year), parse.GetValue(quarter), DateTimeOffset.UtcNow, ct);
            var directory = parse.GetValue(output)!;
            Directory.CreateDirectory(directory);
            var xlsx = Path.Combine(directory, "report.xlsx");
            var partial = xlsx + ".partial";
            try
            {
                using (var stream = File.Create(partial))
                {
                    LedgerReportBuilder.WriteWorkbook(report, stream);
                }
                File.Move(partial, xlsx, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            var html = Path.Combine(directory, "report.html");
            WholeFile.Write(html, writer => writer.Write(LedgerHtml.Render(report)));
            Console.WriteLine($"{report.Title}: {report.Ledgers.Count} units written to {xlsx} and {html}");
            foreach (var missing in report.Unit.Missing)
            {
                Console.WriteLine($"note: {missing}");
            }
            return 0;
        }));
        return command;
    }

    public static Command Targets()
    {
        var file = new Argument<string>("file") { Description = "CSV or .xlsx: unit_code, year, cultivated_target_m2|_mu|_wanmu, pbf_target_m2|_mu|_wanmu" };
        var import = new Command("import", "Import protection targets (all or nothing; a unit and year already stored is replaced)") { file };
        import.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            IReadOnlyList<ProtectionTarget> targets;
            using (var stream = File.OpenRead(path))
            {
                try
                {
                    targets = ProtectionTargetStore.Parse(Path.GetFileName(path), stream);
                }
                catch (TargetTableException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return 1;
                }
            }
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var count = await new ProtectionTargetStore(dataSource).SaveAsync(targets, Path.GetFileName(path), ct);
            Console.WriteLine($"{count} target row(s) imported from {path}");
            return 0;
        }));
        return new Command("targets", "Farmland protection targets (耕地保护目标) for the assessment") { import };
    }
}
