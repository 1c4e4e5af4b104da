using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace Gengbao.Storage.Cluster;

/// <summary>
/// A PostgreSQL + PostGIS cluster private to this project, in a data folder of its own (not the system service),
/// listening on 127.0.0.1 only with a generated password. When run as root it runs the server as the
/// <c>postgres</c> OS user, because PostgreSQL refuses to run as root.
/// </summary>
public sealed class PrivateCluster(ClusterSettings settings)
{
    public ClusterSettings Settings { get; } = settings;

    public bool IsInitialised => File.Exists(Path.Combine(Settings.DataDirectory, "PG_VERSION"));

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Settings.Port,
        Database = Settings.Database,
        Username = Settings.User,
        Password = File.Exists(Settings.PasswordFile) ? File.ReadAllText(Settings.PasswordFile).Trim() : null,
        Timeout = 15,
        MaxPoolSize = 50,
    }.ToString();

    /// <summary>Creates the cluster if needed, starts it if stopped, and makes sure the database and PostGIS exist.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (!IsInitialised)
        {
            Initialise();
        }
        if (!IsRunning())
        {
            var options = $"-c listen_addresses=127.0.0.1 -c port={Settings.Port} -c unix_socket_directories='' " +
                          "-c shared_buffers=512MB -c work_mem=64MB -c maintenance_work_mem=512MB -c max_wal_size=4GB " +
                          "-c synchronous_commit=on -c fsync=on";
            Run(PgBin("pg_ctl"), ["-D", Settings.DataDirectory, "-l", Settings.LogFile, "-o", options, "-w", "-t", "60", "start"],
                "start the database server");
        }
        await EnsureDatabaseAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Stop()
    {
        if (IsInitialised && IsRunning())
        {
            Run(PgBin("pg_ctl"), ["-D", Settings.DataDirectory, "-m", "fast", "-w", "stop"], "stop the database server");
        }
    }

    public bool IsRunning()
    {
        if (!IsInitialised)
        {
            return false;
        }
        var (code, _) = RunRaw(PgBin("pg_ctl"), ["-D", Settings.DataDirectory, "status"]);
        return code == 0;
    }

    /// <summary>Stops and deletes the cluster with all its data.</summary>
    public void Delete()
    {
        Stop();
        if (Directory.Exists(Settings.DataDirectory))
        {
            Directory.Delete(Settings.DataDirectory, recursive: true);
        }
        File.Delete(Settings.PasswordFile);
        File.Delete(Settings.LogFile);
    }

    private void Initialise()
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(Settings.DataDirectory))!;
        Directory.CreateDirectory(parent);
        if (Directory.Exists(Settings.DataDirectory))
        {
            Directory.Delete(Settings.DataDirectory, recursive: true); // a half-made folder from an interrupted initdb
        }
        Directory.CreateDirectory(Settings.DataDirectory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(Settings.PasswordFile, password);
        SetMode(Settings.PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (RunningAsRoot)
        {
            Run("chown", ["-R", "postgres:postgres", Settings.DataDirectory], "give the data folder to the postgres user");
            Run("chown", ["postgres:postgres", parent], "give the data folder's parent to the postgres user");
        }
        Run(PgBin("initdb"), ["-D", Settings.DataDirectory, "-U", Settings.User, "--pwfile", Settings.PasswordFile,
            "-A", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8", "--no-instructions"], "create the database cluster");
        if (RunningAsRoot)
        {
            // The password file stays readable by the project's user only once initdb has read it.
            Run("chown", ["root:root", Settings.PasswordFile], "restore the password file's owner");
        }
        SetMode(Settings.PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ToString();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(Settings.Database);
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Settings.Database}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static string PgBin(string tool)
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

    private static void Run(string file, string[] args, string purpose)
    {
        var (code, output) = RunRaw(file, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"could not {purpose}: {file} exited with {code}\n{output.Trim()}");
        }
    }

    private static (int Code, string Output) RunRaw(string file, string[] args)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (RunningAsRoot && file.StartsWith("/usr/lib/postgresql", StringComparison.Ordinal) || RunningAsRoot && !file.Contains('/') && file != "chown")
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
        }
        else
        {
            start.FileName = file;
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        // pg_ctl start leaves the server holding our pipes open; read stderr and stdout without waiting for EOF forever.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
        return (process.ExitCode, (stdout.IsCompleted ? stdout.Result : "") + (stderr.IsCompleted ? stderr.Result : ""));
    }
}
