using System.Globalization;
using Gengbao.Batch;
using Gengbao.Screening.Comparison;
using Gengbao.Storage.Comparison;
using Gengbao.Storage.Database;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao compare --county C --before-year A --after-year B [--out matrix.csv]</c>: the platform's comparison job run
/// in this process over the stored DLTB years; the matrix is stored, and written as CSV in the file mode's format.
/// </summary>
internal static class StoredComparison
{
    public static async Task<int> RunAsync(string county, int beforeYear, int afterYear, string? outputPath, int threads, CancellationToken cancellationToken)
    {
        await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: cancellationToken);
        var job = new ComparisonJob(dataSource, threads);
        var queued = await job.EnqueueAsync(county, beforeYear, afterYear, Environment.UserName, cancellationToken);
        var claimed = await job.ClaimAsync($"cli:{Environment.MachineName}:{Environment.ProcessId}", queued.Id, cancellationToken)
            ?? throw new InvalidOperationException($"comparison run {queued.Id} was taken by another worker; follow it with GET /api/comparison/runs/{queued.Id}");
        Console.WriteLine($"comparison run {claimed.Id}: county {county}, {beforeYear} → {afterYear}");
        var run = await job.ExecuteAsync(claimed, cancellationToken);
        if (run.Status != "done")
        {
            Console.Error.WriteLine($"gengbao: comparison run {run.Id} failed: {run.Error}");
            return 1;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run.MatrixRows} matrix rows, {run.ChangePieces} cultivated-land change pieces; before {run.BeforeArea:F2} m², after {run.AfterArea:F2} m², in both {run.CommonArea:F2} m²"));
        if (outputPath is not null)
        {
            var rows = await new LandTransferStore(dataSource).VillageRowsAsync(county, beforeYear, afterYear, cancellationToken);
            WholeFile.Write(outputPath, writer => TransferMatrix.Write(writer,
                rows.Select(r => new TransferMatrixRow(r.Village, r.FromDlbm, r.ToDlbm, (double)r.AreaM2))));
            Console.WriteLine($"matrix written to {outputPath}");
        }
        return 0;
    }
}
