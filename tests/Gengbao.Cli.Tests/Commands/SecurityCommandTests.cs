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
    public async Task AnchorsOutsideTheDatabaseRevealADeletedTailAndARewrittenChain()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("clianchor");
        var anchors = Path.Combine(_work, "anchors.tsv");
        for (var i = 1; i <= 4; i++)
        {
            AssertOk(await GengbaoProcess.RunWithInputAsync(database, "Some-Password-2026\n",
                "user", "add", "--username", $"u{i}", "--role", "leader", "--region", "6229", "--password-stdin"));
        }
        var anchored = await GengbaoProcess.RunAsync(database, "audit", "anchor", "--anchors", anchors);
        AssertOk(anchored);
        Assert.Contains("anchored seq 4 ", anchored.Stdout);
        var intact = await GengbaoProcess.RunAsync(database, "audit", "verify", "--anchors", anchors);
        AssertOk(intact);
        Assert.Contains("audit chain intact: 4 entries (1 anchors", intact.Stdout);

        // Rewrite entry 2 and re-hash every entry after it with SM3: the chain alone is whole again...
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using (var off = new NpgsqlCommand("SET session_replication_role = replica; UPDATE audit_log SET target = 'someone-else' WHERE seq = 2", connection))
            {
                await off.ExecuteNonQueryAsync();
            }
            var rows = new List<Gengbao.Security.Audit.AuditEntry>();
            await using (var read = new NpgsqlCommand("SELECT seq, at, actor, role, ip, action, target, detail::text FROM audit_log ORDER BY seq", connection))
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add(new(reader.GetInt64(0), reader.GetFieldValue<DateTime>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                        reader.GetString(5), reader.GetString(6), reader.GetString(7)));
                }
            }
            var previous = Gengbao.Security.Audit.AuditChain.Genesis;
            foreach (var entry in rows)
            {
                var hash = Gengbao.Security.Audit.AuditChain.Hash(entry, previous);
                await using var write = new NpgsqlCommand("UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE seq = $3", connection);
                write.Parameters.AddWithValue(previous);
                write.Parameters.AddWithValue(hash);
                write.Parameters.AddWithValue(entry.Seq);
                await write.ExecuteNonQueryAsync();
                previous = hash;
            }
        }
        AssertOk(await GengbaoProcess.RunAsync(database, "audit", "verify", "--anchors", Path.Combine(_work, "no-anchors.tsv")));
        // ...but not against the anchor written before.
        var rewritten = await GengbaoProcess.RunAsync(database, "audit", "verify", "--anchors", anchors);
        Assert.Equal(2, rewritten.ExitCode);
        Assert.Contains("broken at seq 4: hash differs from the anchor", rewritten.Stderr);

        // A deleted tail leaves a whole but shorter chain; the anchor names what is gone.
        var tail = await ThrowawayCluster.CreateDatabaseAsync("cliancho2");
        var tailAnchors = Path.Combine(_work, "tail-anchors.tsv");
        for (var i = 1; i <= 3; i++)
        {
            AssertOk(await GengbaoProcess.RunWithInputAsync(tail, "Some-Password-2026\n",
                "user", "add", "--username", $"t{i}", "--role", "leader", "--region", "6229", "--password-stdin"));
        }
        AssertOk(await GengbaoProcess.RunAsync(tail, "audit", "anchor", "--anchors", tailAnchors));
        await ScalarAsync(tail, "SET session_replication_role = replica; DELETE FROM audit_log WHERE seq = 3");
        AssertOk(await GengbaoProcess.RunAsync(tail, "audit", "verify", "--anchors", Path.Combine(_work, "no-anchors.tsv")));
        var truncated = await GengbaoProcess.RunAsync(tail, "audit", "verify", "--anchors", tailAnchors);
        Assert.Equal(2, truncated.ExitCode);
        Assert.Contains("the log ends at seq 2 but entry 3 was anchored", truncated.Stderr);
    }

    [Fact]
    public async Task KeyRotationReSealsEveryPersonalFieldAndKeepsPhoneLookupsWorking()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("clikeys");
        AssertOk(await GengbaoProcess.RunAsync(database, "import", SharedData.SampleGeoPackage, "--year", "2024"));
        var keys = Path.Combine(_work, "keys");
        var environment = new Dictionary<string, string> { ["GENGBAO_KEY_DIR"] = keys };
        var village = await ScalarAsync(database, "SELECT min(code) FROM admin_unit WHERE level = 5");
        var roster = Path.Combine(_work, "roster.csv");
        await File.WriteAllTextAsync(roster, $"行政区代码,行政区名称,网格层级,角色,姓名,手机号,任期开始,任期结束\n{village},,村,田管员,马轮换,13712345678,2024-01-01,\n");
        AssertOk(await GengbaoProcess.RunWithEnvironmentAsync(database, null, environment, "roster", "import", roster));
        var before = Gengbao.Storage.Security.FieldKeyFile.Load(keys);
        Assert.Equal(0, before.CurrentKeyId);

        var rotated = await GengbaoProcess.RunWithEnvironmentAsync(database, null, environment, "keys", "rotate");
        AssertOk(rotated);
        Assert.Contains("patrol_roster.phone_enc: 1 values re-sealed, phone_index recomputed", rotated.Stdout);
        var ring = Gengbao.Storage.Security.FieldKeyFile.Load(keys);
        Assert.Equal(1, ring.CurrentKeyId);
        Assert.True(File.Exists(Path.Combine(keys, "field-sm4.key"))); // the old key stays for older backups

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT person_name_enc, phone_enc, phone_index FROM patrol_roster WHERE cell_code = $1", connection);
        read.Parameters.AddWithValue(village);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var name = reader.GetFieldValue<byte[]>(0);
        Assert.Equal((2, 1), (name[0], name[1])); // sealed with key 1 now
        Assert.Equal("马轮换", ring.Decrypt(name, Gengbao.Storage.Patrol.RosterSealing.NameContext));
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => before.Decrypt(name, Gengbao.Storage.Patrol.RosterSealing.NameContext));
        Assert.Equal(Gengbao.Storage.Patrol.RosterSealing.PhoneIndex(ring, "13712345678"), reader.GetFieldValue<byte[]>(2));
        Assert.Equal("1", await ScalarAsync(database, "SELECT count(*) FROM audit_log WHERE action = 'cli keys rotate'"));
    }

    [Fact]
    public async Task EverySealedColumnOfTheSchemaIsReSealedByRotation()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("clisealed");
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type = 'bytea' AND column_name LIKE '%\_enc' ORDER BY 1
            """, connection);
        var columns = new List<string>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }
        Assert.NotEmpty(columns);
        Assert.Equal(columns, Gengbao.Storage.Security.FieldKeyRotation.Columns.Select(c => $"{c.Table}.{c.Column}").Order(StringComparer.Ordinal));
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
