using System.CommandLine;
using Gengbao.Storage.Database;
using Gengbao.Storage.Security;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao keys rotate</c>: adds a new field key to the ring outside the database and re-seals every personal
/// field with it in one transaction. Run it with the servers stopped (they load the ring at start) and back up the
/// key folder afterwards; old keys stay, since older backups need them.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "The SM4 field keys kept outside the database");
        var rotate = new Command("rotate", "Add a new field key and re-seal every personal field with it (servers stopped)");
        rotate.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var ring = FieldKeyFile.AddKey();
            IReadOnlyList<(SealedColumn Column, int Resealed)> counts;
            try
            {
                counts = await FieldKeyRotation.ResealAsync(dataSource, ring, ct);
            }
            catch
            {
                // Nothing was sealed with the new key (one transaction, rolled back): remove it, so blind indexes
                // keep matching the key they were made with.
                File.Delete(Path.Combine(FieldKeyFile.DefaultDirectory, $"{FieldKeyFile.FileName}.{ring.CurrentKeyId}"));
                throw;
            }
            foreach (var (column, resealed) in counts)
            {
                Console.WriteLine($"{column.Table}.{column.Column}: {resealed} values re-sealed{(column.IndexColumn is null ? "" : $", {column.IndexColumn} recomputed")}");
            }
            await UserCommand.AuditAsync(dataSource, "keys rotate", $"field key {ring.CurrentKeyId}",
                $$"""{"resealed": {{counts.Sum(c => c.Resealed)}}}""", ct);
            Console.WriteLine($"field key {ring.CurrentKeyId} is now current in {FieldKeyFile.DefaultDirectory}; back that folder up (older keys stay for older backups)");
            return 0;
        }));
        keys.Subcommands.Add(rotate);
        return keys;
    }
}
