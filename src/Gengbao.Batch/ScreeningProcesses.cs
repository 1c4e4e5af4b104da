using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gengbao.Screening;

namespace Gengbao.Batch;

/// <summary>
/// A screening run shared by worker processes instead of threads: each process screens every n-th batch
/// (<see cref="ScreeningRunOptions.Part"/>) with one thread and its own heap, writes its rows to a part file, and this
/// process merges them in the CSV's order. On a prefecture the threads of one process wait for each other's garbage
/// collections (about 1 s of 5.5 s, docs/benchmarks.md); separate processes do not.
/// </summary>
public static class ScreeningProcesses
{
    /// <summary>Below this many change patches one process with threads is as fast (start-up and a second open cost more).</summary>
    public const int Threshold = 10_000;

    /// <summary>
    /// Runs <paramref name="workers"/> copies of <paramref name="executable"/> (<c>screen --part k/n</c>) and writes the
    /// merged CSV; returns the number of patches. A worker's error becomes this run's (the lowest part's, so it does not
    /// depend on timing), and no output is left behind.
    /// </summary>
    public static int Run(string executable, string inputPath, string outputPath, int workers, int batchSize, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("GENGBAO_TRACE") == "1")
        {
            Console.Error.WriteLine($"gengbao: screening in {workers} worker processes");
        }
        var directory = Directory.CreateTempSubdirectory("gengbao-screen-").FullName;
        try
        {
            var processes = new List<(Process Process, Task<string> Stderr)>();
            try
            {
                for (var k = 0; k < workers; k++)
                {
                    var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                    foreach (var arg in (string[])["screen", "--input", Path.GetFullPath(inputPath), "--out", PartPath(directory, k), "--threads", "1",
                                 "--batch-size", batchSize.ToString(CultureInfo.InvariantCulture), "--part", $"{k}/{workers}"])
                    {
                        start.ArgumentList.Add(arg);
                    }
                    var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    processes.Add((process, process.StandardError.ReadToEndAsync(CancellationToken.None)));
                }
                foreach (var (process, _) in processes)
                {
                    process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
                }
                for (var k = 0; k < workers; k++)
                {
                    var (process, stderr) = processes[k];
                    if (process.ExitCode != 0)
                    {
                        var message = stderr.GetAwaiter().GetResult().Trim();
                        // A user error (exit 1, "error: …") is passed on as it is; anything else is a crash of the worker.
                        throw process.ExitCode == 1 && message.StartsWith("error: ", StringComparison.Ordinal)
                            ? new InvalidOperationException(message["error: ".Length..])
                            : new InvalidOperationException($"screening worker {k + 1} of {workers} failed (exit code {process.ExitCode}): {message}");
                    }
                }
            }
            finally
            {
                foreach (var (process, _) in processes)
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true); // cancelled or failed: no worker outlives the run
                        process.WaitForExit();
                    }
                    process.Dispose();
                }
            }
            var rows = new List<(string Number, long Id, string Row)>();
            for (var k = 0; k < workers; k++)
            {
                ReadPart(PartPath(directory, k), rows);
            }
            rows.Sort(static (a, b) =>
            {
                var byNumber = string.CompareOrdinal(a.Number, b.Number);
                return byNumber != 0 ? byNumber : a.Id.CompareTo(b.Id);
            });
            WholeFile.Write(outputPath, writer =>
            {
                writer.Write(ScreeningCsv.Header);
                writer.Write('\n');
                foreach (var (_, _, row) in rows)
                {
                    writer.Write(row);
                }
            });
            return rows.Count;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A worker's side: the results of one part as (monitoring number, id, CSV row) records.</summary>
    public static void WritePart(string path, IReadOnlyList<PatchScreening> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        using var row = new StringWriter(CultureInfo.InvariantCulture);
        writer.Write(results.Count);
        foreach (var result in results)
        {
            row.GetStringBuilder().Clear();
            ScreeningCsv.WriteRow(row, result);
            writer.Write(result.MonitoringNumber);
            writer.Write(result.Id);
            writer.Write(row.ToString());
        }
    }

    private static void ReadPart(string path, List<(string, long, string)> rows)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            rows.Add((reader.ReadString(), reader.ReadInt64(), reader.ReadString()));
        }
    }

    private static string PartPath(string directory, int k) => Path.Combine(directory, $"part-{k}.bin");
}
