using System.CommandLine;
using System.Globalization;
using Gengbao.Cases;
using Gengbao.Storage.Cases;
using Gengbao.Storage.Database;
using Gengbao.Storage.Security;

namespace Gengbao.Cli.Commands;

/// <summary>
/// The case loop from the command line (docs/cases.md), as the owner over the same stores as the server:
/// <c>case intake --region C --year Y</c>, <c>case import --file F --source issued|monitoring</c>, <c>case list</c>, <c>case dossier --id N --out F.zip</c>,
/// <c>case spotcheck --region C --count N --seed S --inspector A [--inspector B …]</c>, <c>case escalate</c>.
/// </summary>
internal static class CaseCommands
{
    public static Command Create()
    {
        var region = new Option<string>("--region") { Description = "County code (6 digits)", Required = true };
        var year = new Option<int>("--year") { Description = "Survey year of the screened change patches", Required = true };
        var intake = new Command("intake", "Turn the screened change patches of a county and year into cases (idempotent)") { region, year };
        intake.SetAction((parse, ct) => RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var results = await new CaseIntake(new OwnerConnections(dataSource), TimeProvider.System).FromScreeningAsync(parse.GetValue(region)!, parse.GetValue(year), ct);
            var created = results.Where(r => r.Outcome == IntakeResult.Created).ToList();
            var recoloured = results.Count(r => r.Outcome == IntakeResult.Recoloured);
            Console.WriteLine($"{results.Count - recoloured} patches taken in: {created.Count} new cases ({created.Count(r => r.State == "closed_legal")} green passed, " +
                $"{created.Count(r => r.State == "verifying")} yellow to verify), {results.Count(r => r.Outcome == IntakeResult.Merged)} merged into open cases" +
                (recoloured > 0 ? $"; {recoloured} waiting cases re-screened green and closed" : ""));
            return 0;
        }));

        var listRegion = new Option<string?>("--region") { Description = "Admin code prefix" };
        var state = new Option<string?>("--state") { Description = "verifying, closed_legal, dispatched, … (docs/cases.md)" };
        var list = new Command("list", "List cases, newest first: id, county, unit, code, state, sources, title") { listRegion, state };
        list.SetAction((parse, ct) => RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            foreach (var c in await new CaseStore(new OwnerConnections(dataSource)).ListAsync(new CaseQuery(parse.GetValue(state), null, null, parse.GetValue(listRegion), 5000), ct))
            {
                Console.WriteLine(string.Join('\t', c.Id.ToString(CultureInfo.InvariantCulture), c.CountyCode, c.UnitCode, c.Code, c.State, string.Join(',', c.Sources), c.Title));
            }
            return 0;
        }));

        var id = new Option<long>("--id") { Description = "Case id", Required = true };
        var output = new Option<string>("--out") { Description = "ZIP file to write", Required = true };
        var dossier = new Command("dossier", "Write a case's dossier (manifest.json, attachments, map.svg, summary.html) as a ZIP") { id, output };
        dossier.SetAction((parse, ct) => RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var store = new CaseStore(new OwnerConnections(dataSource));
            var caseId = parse.GetValue(id);
            var bytes = CaseDossier.Build(await store.GetAsync(caseId, ct), await store.AttachmentsAsync(caseId, ct), await store.ContextParcelsAsync(caseId, ct));
            var path = parse.GetValue(output)!;
            await File.WriteAllBytesAsync(path + ".partial", bytes, ct);
            File.Move(path + ".partial", path, overwrite: true);
            Console.WriteLine($"dossier of case {caseId} written to {path} ({bytes.Length} bytes, sha256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))})");
            return 0;
        }));

        var county = new Option<string>("--region") { Description = "County code (6 digits)", Required = true };
        var count = new Option<int>("--count") { Description = "How many closed cases to draw", Required = true };
        var seed = new Option<string>("--seed") { Description = "The seed to publish (anyone can re-draw with it)", Required = true };
        var inspectors = new Option<string[]>("--inspector") { Description = "An inspector (repeat)", Required = true, AllowMultipleArgumentsPerToken = true };
        var spotcheck = new Command("spotcheck", "双随机: draw closed cases and pair inspectors from a recorded seed") { county, count, seed, inspectors };
        spotcheck.SetAction((parse, ct) => RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var check = await new CaseStore(new OwnerConnections(dataSource)).DrawSpotCheckAsync(parse.GetValue(county)!, parse.GetValue(count), parse.GetValue(seed)!,
                parse.GetValue(inspectors)!, "cli:" + Environment.UserName, DateTimeOffset.UtcNow, ct);
            Console.WriteLine($"spot check {check.Id}: {check.Picks.Count} of {check.CandidateIds.Count} closed cases, seed '{check.Seed}'");
            foreach (var pick in check.Picks)
            {
                Console.WriteLine($"{pick.Rank}\tcase {pick.CaseId}\t{pick.Inspector}\t{pick.Score}");
            }
            return 0;
        }));

        var escalate = new Command("escalate", "Escalate open case tasks past their deadline to the grid cell one level up (once each)");
        escalate.SetAction((parse, ct) => RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var tasks = await new CaseIntake(new OwnerConnections(dataSource), TimeProvider.System).EscalateAsync(ct);
            foreach (var t in tasks)
            {
                Console.WriteLine($"task {t.TaskId} ({t.Kind}) of case {t.CaseId}: due {t.DueAt:O}, cell {t.CellCode} → {t.EscalatedTo}");
            }
            Console.WriteLine($"{tasks.Count} tasks escalated");
            return 0;
        }));
        return new Command("case", "Case loop: intake, import, list, dossier, spot checks, escalation (docs/cases.md)")
            { intake, CreateImport(), list, dossier, spotcheck, escalate };
    }

    /// <summary><c>case import --file F --source issued|monitoring [--layer NAME] [--county CODE]</c>: a patch file into the case loop, all or nothing.</summary>
    private static Command CreateImport()
    {
        var file = new Option<string>("--file") { Description = "GeoPackage, Shapefile (.shp, folder or .zip) or GeoJSON of change patches with JCBH", Required = true };
        var source = new Option<string>("--source") { Description = "issued (下发) or monitoring (本级监测)", Required = true };
        var layer = new Option<string?>("--layer") { Description = "The layer to read when the file has several" };
        var county = new Option<string?>("--county") { Description = "Every patch must lie in this county (6 digits)" };
        var import = new Command("import", "Take change patches from a file into the case loop, screened (green passes, yellow to verify); all or nothing")
            { file, source, layer, county };
        import.SetAction((parse, ct) => RunAsync(async () =>
        {
            if (!CaseNames.TryParse<CaseSourceKind>(parse.GetValue(source), out var kind) || kind is not (CaseSourceKind.Issued or CaseSourceKind.Monitoring))
            {
                Console.Error.WriteLine("error: --source must be issued or monitoring");
                return 2;
            }
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var intake = new CaseIntake(new OwnerConnections(dataSource), TimeProvider.System, new Gengbao.Storage.Screening.StoredShapeScreening(dataSource));
            CaseFileImport imported;
            try
            {
                imported = await intake.FromFileAsync(parse.GetValue(file)!, kind, parse.GetValue(layer), parse.GetValue(county), null, ct);
            }
            catch (CaseFileException e)
            {
                foreach (var problem in e.Problems)
                {
                    Console.Error.WriteLine($"error: {problem}");
                }
                Console.Error.WriteLine("nothing was imported");
                return 1;
            }
            var results = imported.Results;
            var created = results.Where(r => r.Outcome == IntakeResult.Created).ToList();
            Console.WriteLine($"{imported.File} layer {imported.Layer}: {results.Count} {imported.SourceKind} patches: {created.Count} new cases " +
                $"({created.Count(r => r.State == "closed_legal")} green passed, {created.Count(r => r.State == "verifying")} yellow to verify), " +
                $"{results.Count(r => r.Outcome == IntakeResult.Merged)} merged into open cases, {results.Count(r => r.Outcome == IntakeResult.Known)} already known");
            return 0;
        }));
        return import;
    }

    private static Task<int> RunAsync(Func<Task<int>> action) => CliErrors.RunAsync(async () =>
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is CaseException or CaseRefusedException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    });
}
