using Gengbao.Storage.Database;
using Gengbao.Storage.Migrations;
using Npgsql;

namespace Gengbao.Server.Apis;

/// <summary>Liveness and readiness: <c>/health</c> answers 200 with the database versions when the database answers.</summary>
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
            .AllowAnonymous().WithName("Health").WithSummary("Liveness with the PostgreSQL and PostGIS versions").WithTags("Health");
    }
}
