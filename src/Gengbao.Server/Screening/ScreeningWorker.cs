using Gengbao.Screening;
using Gengbao.Storage.Screening;
using Npgsql;

namespace Gengbao.Server.Screening;

/// <summary>
/// Runs queued screening runs in the background, one at a time per server instance; any number of instances share the
/// queue (<see cref="ScreeningQueue.ClaimAsync"/>). Woken by <c>NOTIFY screening_run</c>, and polls as a fallback.
/// Off when <c>Gengbao:Screening:Worker</c> is false.
/// </summary>
public sealed class ScreeningWorker(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<ScreeningWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    /// <summary>The rules and threads from configuration (<c>Gengbao:Screening:AreaMethod</c>, <c>Threads</c>).</summary>
    public static ScreeningJob CreateJob(NpgsqlDataSource dataSource, IConfiguration configuration) => new(dataSource,
        ScreeningRules.Default with
        {
            AreaMethod = Enum.Parse<ScreeningAreaMethod>(configuration["Gengbao:Screening:AreaMethod"] ?? nameof(ScreeningAreaMethod.Official), ignoreCase: true),
        },
        configuration.GetValue("Gengbao:Screening:Threads", Environment.ProcessorCount));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Gengbao:Screening:Worker", true))
        {
            return;
        }
        var queue = new ScreeningQueue(dataSource);
        var job = CreateJob(dataSource, configuration);
        var worker = $"{Environment.MachineName}:{Environment.ProcessId}";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand("LISTEN screening_run", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    while (await queue.ClaimAsync(worker, cancellationToken: stoppingToken) is { } run)
                    {
                        logger.LogInformation("screening run {Run}: county {County}, {Year} ({Reason})", run.Id, run.CountyCode, run.Year, run.Reason);
                        var finished = await job.ExecuteAsync(run, cancellationToken: stoppingToken);
                        logger.LogInformation("screening run {Run} {Status}: {Green} green, {Yellow} yellow {Error}",
                            finished.Id, finished.Status, finished.GreenCount, finished.YellowCount, finished.Error);
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
                // The database may be restarting; try again shortly rather than stop screening for good.
                logger.LogWarning(e, "screening worker: {Message}; retrying", e.Message);
                await Task.Delay(Poll, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
    }
}
