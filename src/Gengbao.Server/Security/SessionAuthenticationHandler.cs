using System.Security.Claims;
using System.Text.Encodings.Web;
using Gengbao.Security.Access;
using Gengbao.Storage.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gengbao.Server.Security;

/// <summary>
/// Authenticates a request by its session token, from the <c>gengbao_session</c> cookie or an
/// <c>Authorization: Bearer</c> header, against <c>app_session</c>. A session counts only while it is not revoked,
/// its account is not disabled, and neither its absolute nor its idle expiry has passed. Stateless across server
/// instances: everything lives in the database.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SessionStore sessions, IOptions<SecurityOptions> security, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GengbaoSession";
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        var hash = SessionTokens.Hash(token);
        var session = await sessions.FindAsync(hash, Context.RequestAborted);
        var now = clock.GetUtcNow();
        if (session is null || session.Account.Disabled)
        {
            return AuthenticateResult.Fail("no such session");
        }
        if (now >= session.ExpiresAt || now >= session.LastSeenAt + security.Value.IdleTimeout)
        {
            return AuthenticateResult.Fail("the session has expired");
        }
        if (now - session.LastSeenAt >= TouchEvery)
        {
            await sessions.TouchAsync(hash, now, Context.RequestAborted);
        }
        var account = session.Account;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, account.Username),
            new Claim(ClaimTypes.Role, account.Role.Name()),
            new Claim(CurrentUser.RegionClaim, account.Region.Prefix),
            new Claim(CurrentUser.IdClaim, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(CurrentUser.SessionClaim, hash),
            new Claim(CurrentUser.DisplayNameClaim, account.DisplayName),
        ], SchemeName);
        Context.Items[ExpiresAtKey] = session.ExpiresAt;
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>HttpContext.Items key of the authenticated session's absolute expiry.</summary>
    public const string ExpiresAtKey = "gengbao:session-expires";

    public static string? ReadToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var bearer = header["Bearer ".Length..].Trim();
            return bearer.Length is > 0 and <= 128 ? bearer : null;
        }
        return request.Cookies.TryGetValue(SessionTokens.CookieName, out var cookie) && cookie.Length is > 0 and <= 128 ? cookie : null;
    }
}
