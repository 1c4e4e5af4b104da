using Gengbao.Storage.Database;
using Gengbao.Storage.Migrations;
using Npgsql;

namespace Gengbao.Server.Apis;

/// <summary>Readiness (<c>/health</c>: 200 with the database versions when the database answers) and liveness (<c>/health/live</c>).</summary>
public static class HealthApi
{
    public sealed record HealthStatus(string Status, string Postgres, string PostGis, int SchemaVersion);

    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (NpgsqlDataSource dataSource, CancellationToken ct) =>
            {
                try
                {
                    var (postgres, postgis) = await GengbaoDatabase.VersionsAsync(dataSource, ct);
                    var schema = await Migrator.CurrentVersionAsync(dataSource, ct);
                    return Results.Ok(new HealthStatus("ok", postgres, postgis, schema));
                }
                catch (NpgsqlException e)
                {
                    return Results.Problem($"database unavailable: {e.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            })
            .AllowAnonymous().WithName("Health").WithSummary("Readiness: 200 with the PostgreSQL and PostGIS versions when the database answers, else 503").WithTags("Health");
        // Liveness for an orchestrator: the process serves requests; no database round trip, so a database outage
        // takes instances out of rotation (readiness) without restarting them all.
        app.MapGet("/health/live", () => Results.Ok(new { status = "alive" }))
            .AllowAnonymous().WithName("Liveness").WithSummary("Liveness: 200 while the process serves requests").WithTags("Health");
    }
}
