using Gengbao.Storage.OneMap.Imports;
using Npgsql;

namespace Gengbao.Server.OneMap;

/// <summary>
/// Runs queued one-map imports in the background, one at a time per server instance; any number of instances share
/// the queue (claims use <c>FOR UPDATE SKIP LOCKED</c>). Woken by <c>NOTIFY gengbao_imports</c>, polls as a fallback.
/// Off when <c>Gengbao:Imports:Worker</c> is false. Separate from the analysis worker so an import of a large
/// GeoPackage never holds up screening.
/// </summary>
public sealed class OneMapImportWorker(NpgsqlDataSource dataSource, ImportSettings settings, IConfiguration configuration,
    ILogger<OneMapImportWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Gengbao:Imports:Worker", true))
        {
            return;
        }
        var runner = new OneMapImportRunner(dataSource, settings.Folder);
        var worker = $"{Environment.MachineName}:{Environment.ProcessId}:imports";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {OneMapImportQueue.Channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    while (await runner.ClaimAsync(worker, stoppingToken) is { } job)
                    {
                        var finished = await runner.ExecuteAsync(job, stoppingToken);
                        logger.LogInformation("one-map import {Job} ({File}, {Bytes} bytes, by {User}) {Status}: {Layers} layer version(s){Error}",
                            finished.Id, finished.FileName, finished.FileBytes, finished.RequestedBy, finished.Status, finished.Layers?.Count ?? 0,
                            finished.Error is null ? "" : ": " + finished.Error);
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
                // The database may be restarting; try again shortly rather than stop importing for good.
                logger.LogWarning(e, "import worker: {Message}; retrying", e.Message);
                await Task.Delay(Poll, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
    }
}
