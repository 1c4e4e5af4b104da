using System.Security.Claims;
using Gengbao.Security.Access;

namespace Gengbao.Server.Security;

/// <summary>The logged-in user as the handlers see it, read from the claims the session handler issues.</summary>
public sealed record CurrentUser(long Id, string Username, Role Role, RegionScope Region, string DisplayName, string SessionHash)
{
    public const string RegionClaim = "gengbao:region";
    public const string IdClaim = "gengbao:uid";
    public const string SessionClaim = "gengbao:sid";
    public const string DisplayNameClaim = "gengbao:display";

    /// <summary>The user of an authenticated principal, or null for an anonymous one.</summary>
    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true
            || !Roles.TryParse(principal.FindFirstValue(ClaimTypes.Role), out var role)
            || !RegionScope.TryParse(principal.FindFirstValue(RegionClaim), out var region)
            || !long.TryParse(principal.FindFirstValue(IdClaim), out var id))
        {
            return null;
        }
        return new CurrentUser(id, principal.FindFirstValue(ClaimTypes.Name) ?? "", role, region,
            principal.FindFirstValue(DisplayNameClaim) ?? "", principal.FindFirstValue(SessionClaim) ?? "");
    }
}
