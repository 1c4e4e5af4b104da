using Gengbao.Screening;
using Gengbao.Storage.Comparison;
using Gengbao.Storage.Screening;
using Npgsql;

namespace Gengbao.Server.Screening;

/// <summary>
/// Runs queued screening runs and survey-year comparisons in the background, one at a time per server instance; any
/// number of instances share the queues (claims use <c>FOR UPDATE SKIP LOCKED</c>). Woken by <c>NOTIFY gengbao_jobs</c>,
/// and polls as a fallback. Off when <c>Gengbao:Analysis:Worker</c> is false.
/// </summary>
public sealed class AnalysisWorker(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<AnalysisWorker> logger,
    Gengbao.Storage.Cases.CaseIntake caseIntake) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    private int Threads => configuration.GetValue("Gengbao:Analysis:Threads", Environment.ProcessorCount);

    /// <summary>The screening job with the rules from configuration (<c>Gengbao:Screening:AreaMethod</c>, default official).</summary>
    private ScreeningJob CreateScreeningJob() => new(dataSource,
        configuration["Gengbao:Screening:AreaMethod"] is { } method
            ? ScreeningJob.PlatformRules with { AreaMethod = Enum.Parse<ScreeningAreaMethod>(method, ignoreCase: true) }
            : ScreeningJob.PlatformRules,
        Threads);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Gengbao:Analysis:Worker", true))
        {
            return;
        }
        var queue = new ScreeningQueue(dataSource);
        var screening = CreateScreeningJob();
        var comparison = new ComparisonJob(dataSource, Threads);
        var worker = $"{Environment.MachineName}:{Environment.ProcessId}";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {AnalysisJobs.Channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    var worked = true;
                    while (worked)
                    {
                        worked = false;
                        if (await queue.ClaimAsync(worker, cancellationToken: stoppingToken) is { } run)
                        {
                            var finished = await screening.ExecuteAsync(run, cancellationToken: stoppingToken);
                            logger.LogInformation("screening run {Run} (county {County}, {Year}, {Reason}) {Status}: {Green} green, {Yellow} yellow{Error}",
                                finished.Id, finished.CountyCode, finished.Year, finished.Reason, finished.Status, finished.GreenCount, finished.YellowCount,
                                finished.Error is null ? "" : ": " + finished.Error);
                            await TakeInCasesAsync(finished, stoppingToken); // case loop: docs/cases.md
                            worked = true;
                        }
                        if (await comparison.ClaimAsync(worker, cancellationToken: stoppingToken) is { } pair)
                        {
                            var finished = await comparison.ExecuteAsync(pair, stoppingToken);
                            logger.LogInformation("comparison run {Run} (county {County}, {Before}→{After}) {Status}: {Rows} matrix rows{Error}",
                                finished.Id, finished.CountyCode, finished.BeforeYear, finished.AfterYear, finished.Status, finished.MatrixRows,
                                finished.Error is null ? "" : ": " + finished.Error);
                            worked = true;
                        }
                    }
                    await listener.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be restarting; try again shortly rather than stop analysing for good.
                logger.LogWarning(e, "analysis worker: {Message}; retrying", e.Message);
                await Task.Delay(Poll, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>After a screening run: its patches become cases (green passes, yellow gets its verification task); idempotent.</summary>
    private async Task TakeInCasesAsync(Gengbao.Storage.Screening.ScreeningRun run, CancellationToken stoppingToken)
    {
        if (run.Status != "done")
        {
            return;
        }
        try
        {
            var results = await caseIntake.FromScreeningAsync(run.CountyCode, run.Year, stoppingToken);
            logger.LogInformation("case intake after screening run {Run}: {Count} patches taken in", run.Id, results.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "case intake after screening run {Run} failed; POST /api/cases/intake/screening repeats it", run.Id);
        }
    }
}
