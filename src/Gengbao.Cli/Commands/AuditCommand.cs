using System.CommandLine;
using Gengbao.Security.Audit;
using Gengbao.Storage.Audit;
using Gengbao.Storage.Database;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao audit verify</c>: walks the SM3 chain of audit_log and checks it against the anchors kept outside the
/// database; exit 0 when whole, 2 naming the first bad seq. <c>gengbao audit anchor</c>: appends the chain head to the
/// anchor file (run it from cron; the server also does it every few minutes).
/// </summary>
internal static class AuditCommand
{
    public const int Broken = 2;

    public static Command Create()
    {
        var audit = new Command("audit", "The tamper-evident audit log");
        var anchorsOption = new Option<string>("--anchors") { Description = "Anchor file kept outside the database (default: GENGBAO_AUDIT_ANCHORS or .data/audit/anchors.tsv)" };
        var verify = new Command("verify", "Check every entry's SM3 chain and the anchors; report the first edited, inserted or deleted entry") { anchorsOption };
        verify.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var path = parse.GetValue(anchorsOption) ?? AuditAnchorFile.DefaultPath;
            var anchors = new AuditAnchorCheck(AuditAnchorFile.Read(path));
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var (entries, broken) = await new AuditLog(dataSource).VerifyAsync(anchors, ct);
            if (broken is null)
            {
                Console.WriteLine($"audit chain intact: {entries} entries ({anchors.Count} anchors in {path} agree)");
                return 0;
            }
            Console.Error.WriteLine($"audit chain broken at seq {broken.Seq}: {broken.Reason}");
            return Broken;
        }));
        var anchor = new Command("anchor", "Append the chain head (last seq and hash) to the anchor file outside the database") { anchorsOption };
        anchor.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var path = parse.GetValue(anchorsOption) ?? AuditAnchorFile.DefaultPath;
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            if (await new AuditLog(dataSource).HeadAsync(ct) is not { } head)
            {
                Console.WriteLine("the audit log is empty; nothing to anchor");
                return 0;
            }
            AuditAnchorFile.Append(path, head);
            Console.WriteLine($"anchored seq {head.Seq} {head.Hash} in {path}");
            return 0;
        }));
        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(anchor);
        return audit;
    }
}
