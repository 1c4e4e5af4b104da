using Gengbao.Storage.Security;
using System.CommandLine;
using System.Globalization;
using Gengbao.Import.Gpx;
using Gengbao.Import.Roster;
using Gengbao.Storage.Database;
using Gengbao.Storage.Patrol;

namespace Gengbao.Cli.Commands;

/// <summary>
/// Grid patrol from the command line, over the same stores as the server: <c>roster import FILE</c>,
/// <c>patrol dispatch [--at ISO-TIME]</c>, <c>track import FILE.gpx --task ID</c>, <c>track export --task ID --out F.gpx</c>.
/// </summary>
internal static class PatrolCommands
{
    public static Command Roster()
    {
        var file = new Argument<string>("file") { Description = "Roster (田管员花名册) .xlsx or .csv in the bureau layout (docs/patrol.md)" };
        var import = new Command("import", "Import a roster: all rows or none; every problem listed with row and column") { file };
        import.SetAction((parse, ct) => RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            var content = await File.ReadAllBytesAsync(path, ct);
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var result = await new RosterImporter(new OwnerConnections(dataSource), FieldKeyFile.LoadOrCreate()).ImportAsync(RosterFileReader.Read(new MemoryStream(content), Path.GetFileName(path)), content, ct);
            Console.WriteLine($"{result.Rows} roster rows for {result.Cells} cells imported (import {result.ImportId}); {result.Superseded} earlier rows kept as history");
            return 0;
        }));
        return new Command("roster", "Field-manager roster (田管员)") { import };
    }

    public static Command Patrol()
    {
        var at = new Option<string?>("--at") { Description = "Dispatch as of this ISO 8601 time (default: now)" };
        var dispatch = new Command("dispatch", "Send the patrol tasks due now, mark overdue tasks and write warnings (idempotent)") { at };
        dispatch.SetAction((parse, ct) => RunAsync(async () =>
        {
            var when = parse.GetValue(at) is { } text
                ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
                    : throw new ArgumentException($"--at '{text}' is not an ISO 8601 time, e.g. 2026-03-02T08:00:00+08:00")
                : DateTimeOffset.UtcNow;
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var result = await new PatrolDispatcher(new OwnerConnections(dataSource)).RunAsync(when, ct);
            Console.WriteLine($"{result.TasksCreated} tasks sent, {result.MarkedOverdue} marked overdue, {result.Warnings} warnings at {when:O}");
            return 0;
        }));
        return new Command("patrol", "Patrol tasks (巡田任务)") { dispatch };
    }

    public static Command Track()
    {
        var file = new Argument<string>("file") { Description = "GPX file (trk/trkseg/trkpt with time)" };
        var task = new Option<long>("--task") { Description = "Patrol task id", Required = true };
        var import = new Command("import", "Import a GPX track into a task (the same file twice stores nothing twice)") { file, task };
        import.SetAction((parse, ct) => RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            var content = await File.ReadAllBytesAsync(path, ct);
            var points = GpxReader.Read(new MemoryStream(content), Path.GetFileName(path));
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var results = await GpxTrackImport.ImportAsync(new TrackStore(new OwnerConnections(dataSource), TimeProvider.System), parse.GetValue(task), content, points, ct);
            var stored = results.Where(r => r.Stored).Sum(r => r.Points);
            Console.WriteLine($"{points.Count} points read, {stored} stored ({points.Count - stored} were already stored) for task {parse.GetValue(task)}");
            return 0;
        }));
        var exportTask = new Option<long>("--task") { Description = "Patrol task id", Required = true };
        var output = new Option<string>("--out") { Description = "GPX file to write", Required = true };
        var export = new Command("export", "Write a task's track as GPX 1.1") { exportTask, output };
        export.SetAction((parse, ct) => RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var id = parse.GetValue(exportTask);
            var points = await new TrackStore(new OwnerConnections(dataSource), TimeProvider.System).ReadAsync(id, ct);
            var bytes = GpxWriter.ToBytes($"task {id}", points);
            var path = parse.GetValue(output)!;
            await File.WriteAllBytesAsync(path + ".partial", bytes, ct);
            File.Move(path + ".partial", path, overwrite: true);
            Console.WriteLine($"{points.Count} points of task {id} written to {path}");
            return 0;
        }));
        return new Command("track", "Patrol GPS tracks") { import, export };
    }

    /// <summary>Patrol refusals print their message and every problem, exit code 1; the rest as every command does.</summary>
    private static Task<int> RunAsync(Func<Task<int>> action) => CliErrors.RunAsync(async () =>
    {
        try
        {
            return await action();
        }
        catch (PatrolException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            foreach (var problem in e.Problems)
            {
                Console.Error.WriteLine($"  {problem}");
            }
            return 1;
        }
    });
}
