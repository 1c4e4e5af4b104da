using System.CommandLine;
using Gengbao.Batch;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao compare</c>: the file mode (<see cref="FileComparison"/>: <c>--before A.gpkg --after B.gpkg --out
/// matrix.csv</c>) or the DLTB years stored in the database for a county (<c>--county C --before-year A --after-year B</c>).
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var file = new FileComparison.Options();
        var county = new Option<string?>("--county") { Description = "Compare the DLTB years stored in the database for this county instead of files; results stored" };
        var beforeYear = new Option<int?>("--before-year") { Description = "With --county: the earlier survey year" };
        var afterYear = new Option<int?>("--after-year") { Description = "With --county: the later survey year" };
        var command = new Command("compare", FileComparison.Description);
        file.AddTo(command);
        command.Options.Add(county);
        command.Options.Add(beforeYear);
        command.Options.Add(afterYear);
        command.SetAction((parse, ct) => CliErrors.RunAsync(() =>
        {
            if (parse.GetValue(county) is { } stored)
            {
                return StoredComparison.RunAsync(stored, parse.GetValue(beforeYear) ?? throw new ArgumentException("--county needs --before-year"),
                    parse.GetValue(afterYear) ?? throw new ArgumentException("--county needs --after-year"), parse.GetValue(file.Output), parse.GetValue(file.Threads), ct);
            }
            if (parse.GetValue(file.Before) is null || parse.GetValue(file.After) is null || parse.GetValue(file.Output) is null)
            {
                throw new ArgumentException("give --before A.gpkg --after B.gpkg --out matrix.csv, or --county C --before-year A --after-year B");
            }
            return Task.FromResult(file.Run(parse, ct));
        }));
        return command;
    }
}
