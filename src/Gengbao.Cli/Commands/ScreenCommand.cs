using System.CommandLine;
using Gengbao.Batch;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao screen</c>: the file mode (<see cref="FileScreening"/>: <c>--input FILE.gpkg --out result.csv</c>) or the
/// change patches stored in the database (<c>--region CODE --year Y</c>, <c>--pending</c>), results stored.
/// </summary>
public static class ScreenCommand
{
    public static Command Create()
    {
        var file = new FileScreening.Options();
        var region = new Option<string>("--region") { Description = "Screen the change patches stored in the database for this county (6 digits) or prefecture (4); results stored" };
        var year = new Option<int?>("--year") { Description = "With --region: year of the change patches" };
        var pending = new Option<bool>("--pending") { Description = "Run every queued screening run (e.g. queued by imports) now, in this process" };
        var command = new Command("screen", FileScreening.Description);
        file.AddTo(command);
        command.Options.Add(region);
        command.Options.Add(year);
        command.Options.Add(pending);
        command.SetAction((parse, ct) => CliErrors.RunAsync(() =>
        {
            if (parse.GetValue(region) is { } stored)
            {
                return StoredScreening.RunAsync(stored, parse.GetValue(year) ?? throw new ArgumentException("--region needs --year"), parse.GetValue(file.Threads), ct);
            }
            if (parse.GetValue(pending))
            {
                return StoredScreening.RunPendingAsync(parse.GetValue(file.Threads), ct);
            }
            if (parse.GetValue(file.Input) is null || parse.GetValue(file.Output) is null)
            {
                throw new ArgumentException("give --input FILE.gpkg --out result.csv, or --region CODE --year Y, or --pending");
            }
            return Task.FromResult(file.Run(parse, ct));
        }));
        return command;
    }
}
