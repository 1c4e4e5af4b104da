using System.Diagnostics;
using Gengbao.TestSupport;

namespace Gengbao.Cli.Tests.Commands;

/// <summary>Runs the real <c>./gengbao</c> script as users do, against the database named by <c>GENGBAO_DB</c>.</summary>
public static class GengbaoProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Task<Outcome> RunAsync(string? database, params string[] args) => RunWithInputAsync(database, null, args);

    /// <summary>Runs with <paramref name="stdin"/> written to standard input (e.g. <c>--password-stdin</c>).</summary>
    public static Task<Outcome> RunWithInputAsync(string? database, string? stdin, params string[] args) =>
        RunWithEnvironmentAsync(database, stdin, new Dictionary<string, string>(), args);

    /// <summary>With extra environment variables (e.g. <c>GENGBAO_KEY_DIR</c>, so a test never touches the developer's keys).</summary>
    public static async Task<Outcome> RunWithEnvironmentAsync(string? database, string? stdin, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(SharedData.RepositoryRoot, "gengbao"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = SharedData.RepositoryRoot,
            RedirectStandardInput = stdin is not null,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        if (database is not null)
        {
            start.Environment["GENGBAO_DB"] = database;
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
