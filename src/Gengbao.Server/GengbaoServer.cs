using Gengbao.Server.Apis;
using Gengbao.Server.Cases;
using Gengbao.Server.OneMap;
using Gengbao.Server.Patrol;
using Gengbao.Server.Screening;
using Gengbao.Server.Security;
using Gengbao.Server.Web;
using Gengbao.Storage.Cluster;
using Gengbao.Storage.Database;
using Gengbao.Storage.Migrations;
using Npgsql;

namespace Gengbao.Server;

/// <summary>Builds the web application: one place lists the services and maps each capability's API.</summary>
public static class GengbaoServer
{
    /// <summary>
    /// For <c>Program</c>: the database is <c>ConnectionStrings:Gengbao</c> from configuration, else <c>GENGBAO_DB</c>,
    /// else the private cluster, started here if it is not running. Migrations run before the first request.
    /// </summary>
    public static async Task<WebApplication> CreateAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddServices(builder, dataSource: null);
        var app = builder.Build();
        if (app.Configuration.GetConnectionString("Gengbao") is null && !GengbaoDatabase.IsExternal)
        {
            await new PrivateCluster(ClusterSettings.FromEnvironment()).StartAsync();
        }
        await Migrator.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>());
        MapApis(app);
        return app;
    }

    /// <summary>For <c>gengbao serve</c>: an app on <paramref name="url"/> over an already migrated data source.</summary>
    public static WebApplication Build(string[] args, NpgsqlDataSource dataSource, string url)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls(url);
        AddServices(builder, dataSource);
        var app = builder.Build();
        MapApis(app);
        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"Gengbao is serving on {url}"));
        return app;
    }

    /// <summary>Deepest JSON request body accepted (System.Text.Json's default is 64).</summary>
    public const int MaxJsonDepth = 16;

    private static void AddServices(WebApplicationBuilder builder, NpgsqlDataSource? dataSource)
    {
        if (dataSource is not null)
        {
            builder.Services.AddSingleton(dataSource);
        }
        else
        {
            builder.Services.AddSingleton(sp => GengbaoDatabase.CreateDataSource(
                sp.GetRequiredService<IConfiguration>().GetConnectionString("Gengbao") ?? GengbaoDatabase.ConnectionString));
        }
        // Structured logs for log collectors: one JSON object per line when Gengbao:Logging:Json is true (GENGBAO_LOG_JSON=1).
        if (builder.Configuration.GetValue("Gengbao:Logging:Json", Environment.GetEnvironmentVariable("GENGBAO_LOG_JSON") == "1"))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; });
        }
        builder.Services.AddScoped<NpgsqlStores>();
        builder.Services.AddHostedService<AnalysisWorker>();
        builder.AddGengbaoSecurity();
        builder.Services.AddOpenApi();
        // A missing or malformed parameter is the caller's 400 in every environment, never a 500 from Development's throw.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        builder.Services.AddProblemDetails();
        // Request bodies nest a few levels (GeoJSON polygons: 4); a deeper document is refused before it costs anything.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.MaxDepth = MaxJsonDepth);
        builder.Services.AddPatrol();
        builder.Services.AddCases(); // case loop (docs/cases.md)
        builder.Services.AddSingleton<TileCache>(); // web front end and tiles (docs/web.md)
        builder.Services.AddSingleton(sp => ImportSettings.From(sp.GetRequiredService<IConfiguration>())); // one-map imports (docs/web.md)
        builder.Services.AddHostedService<OneMapImportWorker>();
    }

    private static void MapApis(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseGengbaoSecurityHeaders();
        // The pages (static files) are public, like any sign-in page: the data they show comes from the APIs behind it.
        app.UseWebApp(); // web front end and tiles (docs/web.md)
        app.UseGengbaoSecurity();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthApi();
        app.MapAuthApi();
        app.MapAdminApi();
        app.MapOneMapApi();
        app.MapOneMapImportApi(app.Configuration); // uploads imported by a background worker (docs/web.md)
        app.MapLedgerApi();
        app.MapScreeningApi();
        app.MapComparisonApi();
        app.MapPatrolApi();
        app.MapCaseApi();
        app.MapPublicClueApi();
        app.MapPortalApi(); // the public portal's editable content (docs/web.md)
        app.MapTileApi();
        app.MapOneMapToolsApi();
        app.MapOgcFeaturesApi(); // OGC API - Features at /ogc (docs/exchange.md)
        app.MapExchangeApi();
    }
}
