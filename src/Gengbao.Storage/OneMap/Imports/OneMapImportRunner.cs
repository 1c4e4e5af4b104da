using Gengbao.Import;
using Gengbao.Import.Layers;
using Gengbao.Import.Quality;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.OneMap.Imports;

/// <summary>
/// Runs a claimed import job: the optional quality checks (as <c>gengbao import --qc</c>), then the same all-or-nothing
/// <see cref="OneMapImporter"/> the CLI runs, with the uploader's region enforced before the commit
/// (<see cref="RegionGuard"/>). Progress goes to the job row at most once a second, which also beats its heartbeat
/// (a long stage without progress still beats, so no other worker takes the job for orphaned). The uploaded file is
/// removed when the job ends, done or failed: the row keeps its name, size, SHA-256 and the outcome.
/// </summary>
public sealed class OneMapImportRunner(NpgsqlDataSource dataSource, string folder)
{
    /// <summary>How often progress is written to the row (and the heartbeat beaten).</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    private readonly OneMapImportQueue _queue = new(new OwnerConnections(dataSource));

    /// <summary>The folder uploads are stored in (shared storage when several servers run).</summary>
    public string Folder => folder;

    /// <inheritdoc cref="OneMapImportQueue.ClaimAsync"/>
    public Task<OneMapImportJob?> ClaimAsync(string worker, CancellationToken cancellationToken = default) => _queue.ClaimAsync(worker, cancellationToken);

    /// <summary>Runs a claimed job to its end and returns it as stored afterwards (done or failed).</summary>
    public async Task<OneMapImportJob> ExecuteAsync(OneMapImportJob job, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(folder, job.StoredName);
        var latest = new Snapshot("reading", null, 0, null);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = ReportLoopAsync(job.Id, () => Volatile.Read(ref latest), stop.Token);
        IReadOnlyList<ImportedLayer>? layers = null;
        IReadOnlyList<ImportJobProblem>? problems = null;
        string? error = null;
        try
        {
            if (!File.Exists(path))
            {
                throw new SourceFileException(job.FileName, null, "the uploaded file is no longer in the imports folder; upload it again");
            }
            if (job.Options.Qc)
            {
                Volatile.Write(ref latest, new Snapshot("quality checks", null, 0, null));
                var found = await Task.Run(() => QualityCheck(path, job.Options.As), cancellationToken).ConfigureAwait(false);
                if (found.Count > 0)
                {
                    problems = found.Select(p => new ImportJobProblem(job.FileName, p.Layer, p.Fid, p.Key, p.Field, $"{p.Check}: {p.Message}")).ToList();
                    error = $"{found.Count} quality problem(s) (质检); nothing was imported";
                }
            }
            if (error is null)
            {
                var options = new ImportOptions
                {
                    Year = job.Options.Year,
                    As = job.Options.As,
                    County = job.Options.County,
                    ImportedBy = "web:" + job.RequestedBy,
                    BeforeCommit = (connection, written, ct) => RegionGuard.CheckAsync(connection, job.RegionCode, path, job.FileName, written, ct),
                };
                var progress = new SyncProgress(p => Volatile.Write(ref latest, new Snapshot(p.Stage, p.Layer, p.Done, p.Total)));
                // The importer reads and validates synchronously between awaits: off the worker's thread.
                var result = await Task.Run(() => new OneMapImporter(dataSource).ImportAsync(path, options, progress, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
                layers = result.Layers;
            }
        }
        catch (ImportFailedException e)
        {
            problems = e.Problems.Select(p => new ImportJobProblem(job.FileName, p.Layer, p.Fid, p.FeatureKey, p.Field, p.Message)).ToList();
            error = $"{e.Problems.Count} problem(s) found; nothing was imported";
        }
        catch (SourceFileException e)
        {
            problems = [new ImportJobProblem(job.FileName, e.Layer, null, null, null, e.Problem)];
            error = $"{job.FileName}: {(e.Layer is null ? "" : $"layer {e.Layer}: ")}{e.Problem}";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Anything else (a database error …) still ends the job: the transaction rolled back, nothing was written.
            error = $"import failed: {e.Message}";
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reporter.ConfigureAwait(false);
        }
        var removed = RemoveUpload(path);
        var last = Volatile.Read(ref latest);
        return await _queue.FinishAsync(job.Id, layers, problems, error, removed, (last.Layer, last.Done, last.Total), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The CLI's <c>--qc</c>: every recognised layer checked with its layer's quality rules and required fields.</summary>
    private static List<QualityProblem> QualityCheck(string path, string? asLayer)
    {
        var problems = new List<QualityProblem>();
        var sources = SourceOpener.Open(path);
        try
        {
            foreach (var source in sources)
            {
                var schema = asLayer is not null && sources.Count == 1 ? LayerSchemas.ByName(asLayer) : LayerSchemas.Detect(source.Name);
                if (schema is not null)
                {
                    problems.AddRange(QualityChecker.Check(source, QualityOptions.For(schema.Code), schema.Columns.Where(c => c.Required).Select(c => c.Code).ToList()));
                }
            }
        }
        finally
        {
            foreach (var source in sources)
            {
                source.Dispose();
            }
        }
        return problems;
    }

    private async Task ReportLoopAsync(long id, Func<Snapshot> current, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(ReportEvery);
        try
        {
            do
            {
                var s = current();
                try
                {
                    await _queue.ReportAsync(id, s.Stage, s.Layer, s.Done, s.Total, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    // A missed report is not worth failing the import for; the next tick tries again.
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // the job ended
        }
    }

    /// <summary>Deletes the upload and its folder (one folder per upload); true when it is gone.</summary>
    private bool RemoveUpload(string path)
    {
        try
        {
            var directory = Path.GetDirectoryName(path)!;
            if (Path.GetFullPath(directory) != Path.GetFullPath(folder) && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed record Snapshot(string Stage, string? Layer, long Done, long? Total);

    /// <summary>Reports on the importer's thread; the report loop reads the latest value.</summary>
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
