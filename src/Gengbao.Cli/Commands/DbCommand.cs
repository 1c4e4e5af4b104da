using System.CommandLine;
using Gengbao.Storage.Cluster;
using Gengbao.Storage.Database;
using Gengbao.Storage.Migrations;

namespace Gengbao.Cli.Commands;

/// <summary><c>gengbao db start|stop|status|reset</c>: the private PostgreSQL + PostGIS cluster in .data/pg.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var db = new Command("db", "Manage the private PostgreSQL + PostGIS cluster (.data/pg, 127.0.0.1 only)");
        var start = new Command("start", "Create the cluster if needed, start it and apply migrations");
        start.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            await PrintStatusAsync(dataSource, ct);
            return 0;
        }));
        var stop = new Command("stop", "Stop the private cluster");
        stop.SetAction(_ => Guard(() =>
        {
            new PrivateCluster(ClusterSettings.FromEnvironment()).Stop();
            Console.WriteLine("database stopped");
        }));
        var status = new Command("status", "Show whether the database runs, its versions and what it holds");
        status.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            var cluster = new PrivateCluster(ClusterSettings.FromEnvironment());
            if (!GengbaoDatabase.IsExternal && !cluster.IsRunning())
            {
                Console.WriteLine($"private cluster {(cluster.IsInitialised ? "stopped" : "not created")} ({cluster.Settings.DataDirectory}, port {cluster.Settings.Port})");
                return 3;
            }
            await using var dataSource = GengbaoDatabase.CreateDataSource(GengbaoDatabase.ConnectionString);
            await PrintStatusAsync(dataSource, ct);
            return 0;
        }));
        var reset = new Command("reset", "Delete the private cluster and all its data, then create it anew");
        reset.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            if (GengbaoDatabase.IsExternal)
            {
                throw new InvalidOperationException("GENGBAO_DB names an external database; reset only deletes the private cluster");
            }
            new PrivateCluster(ClusterSettings.FromEnvironment()).Delete();
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            await PrintStatusAsync(dataSource, ct);
            return 0;
        }));
        db.Subcommands.Add(start);
        db.Subcommands.Add(stop);
        db.Subcommands.Add(status);
        db.Subcommands.Add(reset);
        return db;
    }

    private static int Guard(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task PrintStatusAsync(Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (postgres, postgis) = await GengbaoDatabase.VersionsAsync(dataSource, ct);
        var schema = await Migrator.CurrentVersionAsync(dataSource, ct);
        var where = GengbaoDatabase.IsExternal ? "external (GENGBAO_DB)" : $"private cluster, port {ClusterSettings.FromEnvironment().Port}";
        Console.WriteLine($"database running: {where}; PostgreSQL {postgres}, PostGIS {postgis}, schema version {schema}");
    }
}
