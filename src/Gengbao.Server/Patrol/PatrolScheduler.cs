using Gengbao.Storage.Security;
using Npgsql;
using Gengbao.Storage.Patrol;

namespace Gengbao.Server.Patrol;

/// <summary>
/// Runs the dispatcher at start and then every <c>Gengbao:Patrol:IntervalMinutes</c> (default 10) on the injected
/// <see cref="TimeProvider"/>: sends the current periods' tasks, marks overdue ones and writes warnings. Safe with
/// several servers: dispatch and warnings are idempotent in the database. <c>Gengbao:Patrol:Scheduler=false</c> turns it off.
/// </summary>
public sealed partial class PatrolScheduler(NpgsqlDataSource dataSource, TimeProvider time, IConfiguration configuration, ILogger<PatrolScheduler> logger) : BackgroundService
{
    // The whole grid, as the owner: dispatch is a system job, not a request, so row-level security does not apply.
    private readonly PatrolDispatcher _dispatcher = new(new OwnerConnections(dataSource));

    /// <summary>The last run's outcome (null before the first), for the status route and tests.</summary>
    public DispatchResult? LastRun { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Gengbao:Patrol:Scheduler", true))
        {
            return;
        }
        var interval = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Gengbao:Patrol:IntervalMinutes", 10)));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                LastRun = await _dispatcher.RunAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                Dispatched(LastRun.TasksCreated, LastRun.MarkedOverdue, LastRun.Warnings);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database outage must not stop the schedule; the next tick retries and nothing is lost (idempotent).
                DispatchFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "patrol dispatch: {Created} tasks sent, {Overdue} overdue, {Warnings} warnings")]
    private partial void Dispatched(int created, int overdue, int warnings);

    [LoggerMessage(Level = LogLevel.Error, Message = "patrol dispatch failed; retrying at the next tick")]
    private partial void DispatchFailed(Exception e);
}
