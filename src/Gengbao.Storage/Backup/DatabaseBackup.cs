using System.Diagnostics;
using Npgsql;

namespace Gengbao.Storage.Backup;

/// <summary>
/// Whole-database backup and restore with PostgreSQL's own tools (pg_dump custom format, pg_restore), against the
/// private cluster or <c>GENGBAO_DB</c>. The dump includes the audit chain, accounts and grading; it does not include
/// the SM4 field key (<c>.data/keys/</c>), which is backed up separately (docs/security.md).
/// </summary>
public static class DatabaseBackup
{
    /// <summary>
    /// Roles are cluster-wide and not in a database dump; restoring into another cluster needs them before the grants
    /// of the dump can apply. The same statements as migration 0004.
    /// </summary>
    private const string EnsureRolesSql = """
        DO $$
        BEGIN
            BEGIN
                CREATE ROLE gengbao_web NOLOGIN NOSUPERUSER NOINHERIT NOBYPASSRLS;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END;
            BEGIN
                CREATE ROLE gengbao_public NOLOGIN NOSUPERUSER NOINHERIT NOBYPASSRLS;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END;
            BEGIN
                GRANT gengbao_web, gengbao_public TO CURRENT_USER;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END;
        END $$;
        """;


    /// <summary>Writes a pg_dump custom-format archive to <paramref name="file"/>, whole or not at all.</summary>
    public static async Task BackupAsync(string connectionString, string file, CancellationToken cancellationToken = default)
    {
        var partial = file + ".partial";
        try
        {
            await RunAsync("pg_dump", connectionString, ["--format=custom", "--compress=6", "--no-sync", "--file", partial], cancellationToken).ConfigureAwait(false);
            File.Move(partial, file, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Restores an archive in one transaction: all of it or nothing. The target must be empty (a new database) unless
    /// <paramref name="clean"/>, which drops the objects of the archive first.
    /// </summary>
    public static async Task RestoreAsync(string connectionString, string file, bool clean, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"no backup file {file}", file);
        }
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString()))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!clean)
            {
                await using var count = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.relname <> 'spatial_ref_sys'",
                    connection);
                if ((long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0)
                {
                    throw new InvalidOperationException($"database '{connection.Database}' is not empty; restore into a new database, or pass --clean to replace its contents");
                }
            }
            await using var roles = new NpgsqlCommand(EnsureRolesSql, connection);
            await roles.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        string[] options = ["--no-owner", "--exit-on-error", "--single-transaction"];
        if (clean)
        {
            options = [.. options, "--clean", "--if-exists"];
        }
        await RunAsync("pg_restore", connectionString, [.. options, file], cancellationToken).ConfigureAwait(false);
    }

    private static async Task RunAsync(string tool, string connectionString, string[] args, CancellationToken cancellationToken)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(ToolPath(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        // The password goes through the environment, never the command line (visible in ps).
        start.Environment["PGHOST"] = c.Host ?? "127.0.0.1";
        start.Environment["PGPORT"] = c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = c.Username ?? Environment.UserName;
        start.Environment["PGPASSWORD"] = c.Password ?? "";
        start.Environment["PGDATABASE"] = c.Database ?? c.Username ?? "postgres";
        start.Environment["PGCONNECT_TIMEOUT"] = "15";
        start.ArgumentList.Add("--dbname=" + (c.Database ?? "postgres"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var errors = (await stderr.ConfigureAwait(false) + await stdout.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed with exit code {process.ExitCode}: {errors}");
        }
    }

    private static string ToolPath(string tool)
    {
        foreach (var dir in new[] { "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin" })
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return tool;
    }
}
