using System.CommandLine;
using Gengbao.Storage.Audit;
using Gengbao.Storage.Database;

namespace Gengbao.Cli.Commands;

/// <summary><c>gengbao audit verify</c>: walks the SM3 chain of audit_log; exit 0 when whole, 2 naming the first bad seq.</summary>
internal static class AuditCommand
{
    public const int Broken = 2;

    public static Command Create()
    {
        var audit = new Command("audit", "The tamper-evident audit log");
        var verify = new Command("verify", "Check every entry's SM3 chain; report the first edited, inserted or deleted entry");
        verify.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var (entries, broken) = await new AuditLog(dataSource).VerifyAsync(ct);
            if (broken is null)
            {
                Console.WriteLine($"audit chain intact: {entries} entries");
                return 0;
            }
            Console.Error.WriteLine($"audit chain broken at seq {broken.Seq}: {broken.Reason}");
            return Broken;
        }));
        audit.Subcommands.Add(verify);
        return audit;
    }
}
