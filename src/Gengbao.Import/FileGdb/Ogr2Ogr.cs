using System.ComponentModel;
using System.Diagnostics;

namespace Gengbao.Import.FileGdb;

/// <summary>Runs GDAL's ogr2ogr as a child process and collects what it reports on stderr.</summary>
internal static class Ogr2Ogr
{
    /// <summary>The program to run; "ogr2ogr" resolves through PATH (Debian gdal-bin puts it in /usr/bin).</summary>
    public const string Program = "ogr2ogr";

    /// <summary>Runs ogr2ogr with <paramref name="arguments"/>; returns the exit code and stderr.</summary>
    public static (int ExitCode, string Errors) Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Messages in English whatever the server's locale, so they read the same in logs and tests.
        start.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{Program} (GDAL) could not be started; is gdal-bin installed? {e.Message}", e);
        }
        // Read both pipes concurrently: a full pipe would block ogr2ogr and this wait forever.
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit();
        Task.WaitAll(errors, output);
        var text = string.Join('\n', new[] { errors.Result.Trim(), output.Result.Trim() }.Where(s => s.Length > 0));
        return (process.ExitCode, text);
    }
}
