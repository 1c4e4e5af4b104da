using System.Threading.RateLimiting;
using Gengbao.Security.Access;
using Gengbao.Storage.Audit;
using Gengbao.Storage.OneMap;
using Gengbao.Storage.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Gengbao.Server.Security;

/// <summary>
/// Accounts, sessions, region scope, audit and hardening for the server: one call when adding services, one when
/// building the pipeline (docs/security.md). Every endpoint needs a logged-in user unless it is marked
/// <c>AllowAnonymous()</c>.
/// </summary>
public static class SecurityServices
{
    public const string AdminPolicy = "admin";
    public const string LoginRateLimit = "login";
    public const string PublicRateLimit = "public";

    public static void AddGengbaoSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        // Owner-side stores: login and sessions happen before anyone's region is known; the audit log is the owner's.
        services.AddSingleton(sp => new AccountStore(new OwnerConnections(sp.GetRequiredService<NpgsqlDataSource>())));
        services.AddSingleton(sp => new SessionStore(new OwnerConnections(sp.GetRequiredService<NpgsqlDataSource>())));
        services.AddSingleton(sp => new AuditLog(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddHostedService<AuditAnchoring>();
        services.AddSingleton(sp => new PublicParcelQuery(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(sp => new PublicRegionQuery(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<LoginService>();
        services.AddSingleton(sp => FieldKeyFile.LoadOrCreate(sp.GetRequiredService<IConfiguration>()["Gengbao:KeyDirectory"]));
        // Request-side: every store a handler gets opens its connections with the caller's region (row-level security).
        services.AddScoped(sp => new ScopedConnections(sp.GetRequiredService<NpgsqlDataSource>(), RequestScope(sp)));

        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.SystemAdmin, Roles.RegionAdmin));

        var options = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.Configure<ForwardedHeadersOptions>(forwarded => TrustProxies(forwarded, options.TrustedProxies));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(LoginRateLimit, context => PerClient(context, options.LoginPermitsPerMinute));
            limiter.AddPolicy(PublicRateLimit, context => PerClient(context, options.PublicPermitsPerMinute));
        });
    }

    /// <summary>
    /// Security headers, rate limits, authentication, audit, authorization, then the read-only rule. Call once,
    /// before mapping endpoints.
    /// </summary>
    /// <summary>Security headers on every response, pages included; first in the pipeline.</summary>
    public static void UseGengbaoSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The client address (audit, rate limits, clue abuse limits) from a trusted proxy's X-Forwarded-For; first of all.
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
    }

    public static void UseGengbaoSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<AuditMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<ReadOnlyRoleMiddleware>();
    }

    /// <summary>Believes forwarded headers from the configured proxies only (ASP.NET Core trusts loopback by default).</summary>
    private static void TrustProxies(ForwardedHeadersOptions forwarded, IReadOnlyList<string> proxies)
    {
        forwarded.ForwardedHeaders = proxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        forwarded.ForwardLimit = 1;
        foreach (var proxy in proxies)
        {
            if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
            else if (System.Net.IPAddress.TryParse(proxy, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{SecurityOptions.Section}:TrustedProxies: '{proxy}' is neither an IP address nor a CIDR network");
            }
        }
    }

    private static DataScope RequestScope(IServiceProvider services) =>
        services.GetRequiredService<IHttpContextAccessor>().HttpContext is { } context && CurrentUser.From(context.User) is { } user
            ? DataScope.ForRegion(user.Region)
            : DataScope.Nothing;

    private static RateLimitPartition<string> PerClient(HttpContext context, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
