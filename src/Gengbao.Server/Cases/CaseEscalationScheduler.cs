using Gengbao.Storage.Cases;

namespace Gengbao.Server.Cases;

/// <summary>
/// Escalates missed case deadlines by itself (docs/cases.md): at start and then every
/// <c>Gengbao:Cases:EscalationIntervalSeconds</c> (default 600) on the injected <see cref="TimeProvider"/>, every open
/// task past its deadline is marked escalated one grid level up and leaves one notice for that cell's supervisor
/// (<c>GET /api/cases/escalations/notices</c>). Idempotent in the database, so several servers and the manual
/// <c>POST /api/cases/escalations</c> never escalate a task twice. <c>Gengbao:Cases:EscalationScheduler=false</c> turns it off.
/// </summary>
public sealed partial class CaseEscalationScheduler(CaseIntake intake, TimeProvider time, IConfiguration configuration,
    ILogger<CaseEscalationScheduler> logger) : BackgroundService
{
    /// <summary>How many tasks the last run escalated (null before the first run), for tests and the log.</summary>
    public int? LastEscalated { get; private set; }

    /// <summary>Completed runs since start.</summary>
    public int Runs => _runs;

    private int _runs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Gengbao:Cases:EscalationScheduler", true))
        {
            return;
        }
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Gengbao:Cases:EscalationIntervalSeconds", 600)));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                var escalated = await intake.EscalateAsync(stoppingToken).ConfigureAwait(false);
                LastEscalated = escalated.Count;
                if (escalated.Count > 0)
                {
                    Escalated(escalated.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be restarting; the next tick retries, and nothing is escalated twice.
                EscalationFailed(e);
            }
            Interlocked.Increment(ref _runs);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "case deadlines: {Count} tasks escalated one level up, notices left for their supervisors")]
    private partial void Escalated(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "case escalation failed; retrying at the next tick")]
    private partial void EscalationFailed(Exception e);
}
