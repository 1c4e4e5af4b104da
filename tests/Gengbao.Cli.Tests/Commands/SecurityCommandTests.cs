using Gengbao.TestSupport;
using Npgsql;

namespace Gengbao.Cli.Tests.Commands;

/// <summary><c>gengbao user</c>, <c>audit verify</c> against a tampered chain, and the backup/restore round trip.</summary>
public sealed class SecurityCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-cli-sec-").FullName;

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static void AssertOk(GengbaoProcess.Outcome run) => Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);

    [Fact]
    public async Task UsersAreAddedListedAndDisabledAndEachChangeIsAudited()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("cliuser");
        AssertOk(await GengbaoProcess.RunWithInputAsync(database, "County-Admin-2026\n",
            "user", "add", "--username", "county1", "--role", "region_admin", "--region", "622921", "--display-name", "王五", "--password-stdin"));
        var generated = await GengbaoProcess.RunAsync(database, "user", "add", "--username", "field1", "--role", "field_manager", "--region", "622921103");
        AssertOk(generated);
        Assert.Contains("password: ", generated.Stdout);

        var refused = await GengbaoProcess.RunWithInputAsync(database, "weak\n", "user", "add", "--username", "x1", "--role", "leader", "--region", "62", "--password-stdin");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("at least 10", refused.Stderr);
        Assert.Equal(1, (await GengbaoProcess.RunAsync(database, "user", "add", "--username", "x2", "--role", "leader", "--region", "62292")).ExitCode);

        AssertOk(await GengbaoProcess.RunAsync(database, "user", "disable", "field1"));
        var list = await GengbaoProcess.RunAsync(database, "user", "list");
        AssertOk(list);
        Assert.Contains("county1\tregion_admin\t622921\t王五\tactive", list.Stdout);
        Assert.Contains("field1\tfield_manager\t622921103\t\tdisabled", list.Stdout);
        Assert.StartsWith("$argon2id$", await ScalarAsync(database, "SELECT password_hash FROM app_user WHERE username = 'county1'"));
        Assert.Equal("3", await ScalarAsync(database, "SELECT count(*) FROM audit_log WHERE action LIKE 'cli user %'"));
    }

    [Fact]
    public async Task AuditVerifyNamesTheFirstEditedOrDeletedEntry()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("cliaudit");
        for (var i = 1; i <= 4; i++)
        {
            AssertOk(await GengbaoProcess.RunWithInputAsync(database, "Some-Password-2026\n",
                "user", "add", "--username", $"u{i}", "--role", "leader", "--region", "6229", "--password-stdin"));
        }
        var intact = await GengbaoProcess.RunAsync(database, "audit", "verify");
        AssertOk(intact);
        Assert.Contains("audit chain intact: 4 entries", intact.Stdout);

        // A superuser can switch the append-only trigger off; the chain still shows what was done.
        await ScalarAsync(database, "SET session_replication_role = replica; UPDATE audit_log SET target = 'u9' WHERE seq = 3");
        var edited = await GengbaoProcess.RunAsync(database, "audit", "verify");
        Assert.Equal(2, edited.ExitCode);
        Assert.Contains("broken at seq 3", edited.Stderr);

        var fresh = await ThrowawayCluster.CreateDatabaseAsync("cliaudit2");
        for (var i = 1; i <= 4; i++)
        {
            AssertOk(await GengbaoProcess.RunWithInputAsync(fresh, "Some-Password-2026\n",
                "user", "add", "--username", $"u{i}", "--role", "leader", "--region", "6229", "--password-stdin"));
        }
        await ScalarAsync(fresh, "SET session_replication_role = replica; DELETE FROM audit_log WHERE seq = 2");
        var deleted = await GengbaoProcess.RunAsync(fresh, "audit", "verify");
        Assert.Equal(2, deleted.ExitCode);
        Assert.Contains("broken at seq 2", deleted.Stderr);
    }

    [Fact]
    public async Task BackupRestoresIntoANewDatabaseWithEqualContents()
    {
        var source = await ThrowawayCluster.CreateDatabaseAsync("clibackup");
        AssertOk(await GengbaoProcess.RunAsync(source, "import", SharedData.SampleGeoPackage, "--year", "2024"));
        AssertOk(await GengbaoProcess.RunWithInputAsync(source, "Backup-Keeper-2026\n",
            "user", "add", "--username", "admin", "--role", "system_admin", "--password-stdin"));
        var file = Path.Combine(_work, "gengbao.dump");
        AssertOk(await GengbaoProcess.RunAsync(source, "backup", "--out", file));
        Assert.True(new FileInfo(file).Length > 1000);

        // An empty database, as after losing the server: created, not migrated.
        var target = new NpgsqlConnectionStringBuilder(source) { Database = $"restored_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40] }.ToString();
        await ScalarAsync(new NpgsqlConnectionStringBuilder(source) { Database = "postgres" }.ToString(),
            $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(target).Database}\"");
        AssertOk(await GengbaoProcess.RunAsync(target, "restore", file));

        Assert.Equal(await FingerprintAsync(source), await FingerprintAsync(target));
        // Restoring over a database that holds data needs --clean.
        Assert.Equal(1, (await GengbaoProcess.RunAsync(target, "restore", file)).ExitCode);
        // The chain restored whole, and the restore itself was appended to it.
        var verify = await GengbaoProcess.RunAsync(target, "audit", "verify");
        AssertOk(verify);
        // RLS and grants came back with the tables.
        Assert.Equal("True", await ScalarAsync(target, "SELECT relrowsecurity FROM pg_class WHERE relname = 'dltb'"));
    }

    /// <summary>Row counts and content checksums of the one map, the accounts and the audit chain (up to the backup's own entry).</summary>
    private static async Task<string> FingerprintAsync(string connectionString)
    {
        var parts = new List<string> { await DatabaseFingerprint.TakeAsync(connectionString) };
        foreach (var (table, filter) in new[] { ("app_user", "true"), ("audit_log", "action <> 'cli restore'"), ("data_grading", "true"), ("schema_migrations", "true") })
        {
            parts.Add(table + "=" + await ScalarAsync(connectionString,
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '-') FROM {table} t WHERE {filter}"));
        }
        return string.Join("; ", parts);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
