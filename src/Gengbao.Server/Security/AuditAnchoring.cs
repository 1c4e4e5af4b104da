using Gengbao.Storage.Audit;

namespace Gengbao.Server.Security;

/// <summary>
/// Copies the audit chain head outside the database every <c>Gengbao:Audit:AnchorMinutes</c> (default 10, 0 = off):
/// one line in the anchor file (<c>Gengbao:Audit:AnchorFile</c>, default <see cref="AuditAnchorFile.DefaultPath"/>)
/// and one "audit head" log line for the log collector. <c>gengbao audit verify</c> then also detects a deleted tail
/// or a chain rewritten from the start.
/// </summary>
public sealed partial class AuditAnchoring(AuditLog log, IConfiguration configuration, ILogger<AuditAnchoring> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Gengbao:Audit:AnchorMinutes", 10.0);
        if (minutes <= 0)
        {
            return;
        }
        var path = configuration["Gengbao:Audit:AnchorFile"] ?? AuditAnchorFile.DefaultPath;
        long anchored = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (await log.HeadAsync(stoppingToken).ConfigureAwait(false) is { } head && head.Seq != anchored)
                {
                    AuditAnchorFile.Append(path, head);
                    anchored = head.Seq;
                    LogHead(logger, head.Seq, head.Hash, path);
                }
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or IOException or UnauthorizedAccessException)
            {
                LogFailed(logger, e, path);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "audit head seq {Seq} hash {Hash} anchored in {Path}")]
    private static partial void LogHead(ILogger logger, long seq, string hash, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not anchor the audit head in {Path}")]
    private static partial void LogFailed(ILogger logger, Exception error, string path);
}
