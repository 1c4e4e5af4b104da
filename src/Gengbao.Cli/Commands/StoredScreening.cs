using Gengbao.Screening;
using Gengbao.Storage.Database;
using Gengbao.Storage.Screening;
using Spectre.Console;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao screen --region CODE --year Y</c> and <c>screen --pending</c>: the platform's screening runs, executed in
/// this process with a progress bar instead of waiting for the server's worker. Same queue, same job, same results.
/// </summary>
internal static class StoredScreening
{
    public static async Task<int> RunAsync(string region, int year, int threads, CancellationToken cancellationToken)
    {
        await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: cancellationToken);
        var queued = await new ScreeningQueue(dataSource).EnqueueAsync(region, year, Environment.UserName, cancellationToken);
        if (queued.Count == 0)
        {
            throw new ArgumentException($"no change patches (BHTB) of {year} are stored under {region}; import them first");
        }
        return await ExecuteAsync(dataSource, queued.Select(r => (long?)r.Id).ToList(), threads, cancellationToken);
    }

    public static async Task<int> RunPendingAsync(int threads, CancellationToken cancellationToken)
    {
        await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: cancellationToken);
        return await ExecuteAsync(dataSource, [null], threads, cancellationToken);
    }

    /// <summary>Claims and runs the given runs (a null id: any queued run, until none is left).</summary>
    private static async Task<int> ExecuteAsync(Npgsql.NpgsqlDataSource dataSource, List<long?> runIds, int threads, CancellationToken cancellationToken)
    {
        var queue = new ScreeningQueue(dataSource);
        var job = new ScreeningJob(dataSource, ScreeningJob.PlatformRules, threads);
        var worker = $"cli:{Environment.MachineName}:{Environment.ProcessId}";
        var finished = new List<ScreeningRun>();
        foreach (var id in runIds)
        {
            while (await queue.ClaimAsync(worker, id, cancellationToken) is { } run)
            {
                finished.Add(await WithProgressAsync(run, progress => job.ExecuteAsync(run, progress, cancellationToken)));
                if (id is not null)
                {
                    break;
                }
            }
        }
        foreach (var run in finished)
        {
            Console.WriteLine(run.Status == "done"
                ? $"run {run.Id}: county {run.CountyCode} {run.Year}: {run.ProgressDone} screened, {run.GreenCount} green, {run.YellowCount} yellow"
                : $"run {run.Id}: county {run.CountyCode} {run.Year}: {run.Status}: {run.Error}");
        }
        if (finished.Count == 0)
        {
            Console.WriteLine("no screening run was waiting");
        }
        return finished.Any(r => r.Status != "done") ? 1 : 0;
    }

    private static async Task<ScreeningRun> WithProgressAsync(ScreeningRun run, Func<IProgress<(long Done, long Total)>, Task<ScreeningRun>> work)
    {
        var label = $"county {run.CountyCode} {run.Year}";
        if (Console.IsOutputRedirected)
        {
            Console.WriteLine($"screening run {run.Id}: {label} ({run.Reason})");
            return await work(new Reporter(_ => { }));
        }
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label, maxValue: 1);
                var result = await work(new Reporter(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }));
                task.Value = task.MaxValue;
                return result;
            });
    }

    private sealed class Reporter(Action<(long Done, long Total)> report) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value) => report(value);
    }
}
