using System.CommandLine;
using Gengbao.Server;
using Gengbao.Storage.Database;
using Microsoft.Extensions.Hosting;

namespace Gengbao.Cli.Commands;

/// <summary><c>gengbao serve [--port N]</c>: the web server alone on 127.0.0.1 (port 5080 or GENGBAO_PORT).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "Port on 127.0.0.1 (default GENGBAO_PORT or 5080)" };
        var command = new Command("serve", "Run the web server (starts the database if needed)") { port };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var chosen = parse.GetValue(port) ?? (int.TryParse(Environment.GetEnvironmentVariable("GENGBAO_PORT"), out var p) ? p : 5080);
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var app = GengbaoServer.Build([], dataSource, $"http://127.0.0.1:{chosen}");
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return 0;
        }));
        return command;
    }
}
