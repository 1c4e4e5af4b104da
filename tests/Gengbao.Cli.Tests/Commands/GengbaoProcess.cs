using System.Diagnostics;
using Gengbao.TestSupport;

namespace Gengbao.Cli.Tests.Commands;

/// <summary>Runs the real <c>./gengbao</c> script as users do, against the database named by <c>GENGBAO_DB</c>.</summary>
public static class GengbaoProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static async Task<Outcome> RunAsync(string? database, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(SharedData.RepositoryRoot, "gengbao"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = SharedData.RepositoryRoot,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        if (database is not null)
        {
            start.Environment["GENGBAO_DB"] = database;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
