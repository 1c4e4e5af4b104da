using System.CommandLine;
using Gengbao.Storage.Backup;
using Gengbao.Storage.Cluster;
using Gengbao.Storage.Database;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao backup --out FILE</c> and <c>gengbao restore FILE [--clean]</c>: pg_dump custom format and pg_restore
/// in one transaction, against the private cluster or GENGBAO_DB. The SM4 key in .data/keys is not in the dump.
/// </summary>
internal static class BackupCommand
{
    public static Command CreateBackup()
    {
        var output = new Option<string>("--out") { Description = "Archive to write (pg_dump custom format)", Required = true };
        var command = new Command("backup", "Back up the whole database (pg_dump -Fc)") { output };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var file = Path.GetFullPath(parse.GetValue(output)!);
            await using (var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct))
            {
                await UserCommand.AuditAsync(dataSource, "backup", file, "{}", ct);
            }
            await DatabaseBackup.BackupAsync(GengbaoDatabase.ConnectionString, file, ct);
            Console.WriteLine($"backup written to {file} ({new FileInfo(file).Length} bytes); back up {Storage.Security.FieldKeyFile.DefaultDirectory} separately");
            return 0;
        }));
        return command;
    }

    public static Command CreateRestore()
    {
        var file = new Argument<string>("file") { Description = "Archive made by gengbao backup" };
        var clean = new Option<bool>("--clean") { Description = "Replace the contents of a database that is not empty" };
        var command = new Command("restore", "Restore a backup into the database, all or nothing (pg_restore)") { file, clean };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            if (!GengbaoDatabase.IsExternal)
            {
                await new PrivateCluster(ClusterSettings.FromEnvironment()).StartAsync(ct);
            }
            var path = Path.GetFullPath(parse.GetValue(file)!);
            await DatabaseBackup.RestoreAsync(GengbaoDatabase.ConnectionString, path, parse.GetValue(clean), ct);
            await using (var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct))
            {
                await UserCommand.AuditAsync(dataSource, "restore", path, "{}", ct);
            }
            Console.WriteLine($"restored {path}");
            return 0;
        }));
        return command;
    }
}
