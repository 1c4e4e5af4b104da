using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Gengbao.Server.Web;

/// <summary>
/// Serves the built web front end (<c>web/dist</c>, made by <c>npm run build</c>; <c>./run</c> and <c>./test</c> build
/// it) as static files with <c>index.html</c> as the default document. Vite's hashed <c>/assets/</c> are immutable;
/// pages revalidate.
/// </summary>
public static class WebAppHosting
{
    /// <summary>
    /// The folder served: <c>Gengbao:WebRoot</c> from configuration, else <c>$GENGBAO_HOME/web/dist</c> (the
    /// <c>./gengbao</c> script sets it to the repository), else the first <c>web/dist</c> above the program's folder.
    /// Null when none holds an <c>index.html</c>.
    /// </summary>
    public static string? FindWebRoot(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Gengbao:WebRoot"] is { Length: > 0 } configured)
        {
            return HasIndex(configured) ? Path.GetFullPath(configured) : null;
        }
        if (Environment.GetEnvironmentVariable("GENGBAO_HOME") is { Length: > 0 } home && HasIndex(Path.Combine(home, "web", "dist")))
        {
            return Path.GetFullPath(Path.Combine(home, "web", "dist"));
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "web", "dist");
            if (HasIndex(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Adds the static-file middleware over <see cref="FindWebRoot"/>; logs a warning and serves no pages when it is missing.</summary>
    public static void UseWebApp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var root = FindWebRoot(app.Configuration);
        if (root is null)
        {
            app.Logger.LogWarning("web front end not found (no web/dist/index.html): build it with `cd web && npm ci && npm run build`, or set Gengbao:WebRoot");
            return;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var immutable = context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal);
                context.Context.Response.Headers[HeaderNames.CacheControl] = immutable ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
    }

    private static bool HasIndex(string folder) => File.Exists(Path.Combine(folder, "index.html"));
}
