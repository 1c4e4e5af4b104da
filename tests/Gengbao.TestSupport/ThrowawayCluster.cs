using System.Net;
using System.Net.Sockets;
using Gengbao.Storage.Cluster;
using Gengbao.Storage.Database;
using Gengbao.Storage.Migrations;
using Npgsql;

namespace Gengbao.TestSupport;

/// <summary>
/// One real PostgreSQL + PostGIS cluster per test process, in a temporary folder on a free port, deleted at exit.
/// Tests never share a database: each asks for a new, migrated one with a unique name. A missing PostGIS fails
/// the test; it is never skipped.
/// </summary>
public static class ThrowawayCluster
{
    private static readonly Lazy<Task<PrivateCluster>> Cluster = new(StartAsync);
    private static int _counter;

    /// <summary>Creates a new database with all migrations applied and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var cluster = await Cluster.Value;
        var name = $"t_{new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray())}_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        var admin = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres", Pooling = false }.ToString();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = name }.ToString();
        await using var dataSource = GengbaoDatabase.CreateDataSource(connectionString);
        await Migrator.MigrateAsync(dataSource);
        return connectionString;
    }

    /// <summary>
    /// Clusters live under <c>GENGBAO_TEST_ROOT</c> when <c>./test</c> sets it (it stops them all at the end), else
    /// under the temp folder. A test host killed by the runner never reaches ProcessExit, so clusters of processes
    /// that no longer exist are stopped and removed here first.
    /// </summary>
    private static string Root => Environment.GetEnvironmentVariable("GENGBAO_TEST_ROOT") is { Length: > 0 } root ? root : Path.GetTempPath();

    private static async Task<PrivateCluster> StartAsync()
    {
        ReapOrphans();
        var folder = Path.Combine(Root, $"gengbao-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var cluster = new PrivateCluster(new ClusterSettings(Path.Combine(folder, "pg"), FreePort()));
        await cluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                cluster.Delete();
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"could not remove the test cluster in {folder}: {e.Message}");
            }
        };
        return cluster;
    }

    private static void ReapOrphans()
    {
        foreach (var folder in Directory.EnumerateDirectories(Root, "gengbao-test-*"))
        {
            var parts = Path.GetFileName(folder).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[2], out var pid) || ProcessAlive(pid))
            {
                continue;
            }
            try
            {
                new PrivateCluster(new ClusterSettings(Path.Combine(folder, "pg"), 0)).Delete();
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"could not remove the orphaned test cluster in {folder}: {e.Message}");
            }
        }
    }

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
