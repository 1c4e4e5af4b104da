using Gengbao.Security.Access;
using Gengbao.Server.Security;
using Microsoft.AspNetCore.Mvc;

namespace Gengbao.Server.Apis;

/// <summary>
/// Sign-in and the caller's own session: login sets an HttpOnly, SameSite=Strict cookie and also returns the token
/// for <c>Authorization: Bearer</c> clients (the field app); logout ends the session; password changes end the others.
/// </summary>
public static class AuthApi
{
    public sealed record LoginRequest(string? Username, string? Password);

    public sealed record UserView(string Username, string Role, string RegionCode, string DisplayName);

    public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, UserView User);

    public sealed record MeResponse(UserView User, DateTimeOffset? ExpiresAt);

    public sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/login", async (LoginRequest body, HttpContext context, LoginService logins, CancellationToken ct) =>
            {
                var username = body.Username?.Trim() ?? "";
                var trail = context.Audit();
                trail.Actor = username.Length is > 0 and <= 64 ? username : "(invalid)";
                trail.Target = "session";
                if (username.Length is 0 or > 64 || string.IsNullOrEmpty(body.Password) || body.Password.Length > 256)
                {
                    trail.Detail["outcome"] = "invalid";
                    return Results.Problem("invalid username or password", statusCode: StatusCodes.Status401Unauthorized);
                }
                var result = await logins.LoginAsync(username, body.Password, context.Connection.RemoteIpAddress?.ToString() ?? "", ct);
                trail.Detail["outcome"] = result.Status.ToString().ToLowerInvariant();
                switch (result.Status)
                {
                    case LoginStatus.Success:
                        var account = result.Account!;
                        context.Response.Cookies.Append(SessionTokens.CookieName, result.Token!, new CookieOptions
                        {
                            HttpOnly = true,
                            SameSite = SameSiteMode.Strict,
                            Secure = context.Request.IsHttps,
                            Path = "/",
                            Expires = result.ExpiresAt,
                            IsEssential = true,
                        });
                        return Results.Ok(new LoginResponse(result.Token!, result.ExpiresAt!.Value,
                            new UserView(account.Username, account.Role.Name(), account.Region.Prefix, account.DisplayName)));
                    case LoginStatus.Locked:
                        trail.Detail["lockedUntil"] = result.LockedUntil!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                        return Results.Problem("too many failed logins; the account is locked for a while", statusCode: StatusCodes.Status401Unauthorized);
                    default:
                        return Results.Problem("invalid username or password", statusCode: StatusCodes.Status401Unauthorized);
                }
            })
            .AllowAnonymous().RequireRateLimiting(SecurityServices.LoginRateLimit).WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithName("Login").WithSummary("Sign in: sets the gengbao_session cookie and returns the bearer token and the user");

        api.MapPost("/logout", async (HttpContext context, LoginService logins, CancellationToken ct) =>
            {
                await logins.LogoutAsync(CurrentUser.From(context.User)!, ct);
                context.Response.Cookies.Delete(SessionTokens.CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict });
                return Results.NoContent();
            })
            .AllowForReadOnlyRoles().WithName("Logout").WithSummary("End this session");

        api.MapGet("/me", (HttpContext context) =>
            {
                var user = CurrentUser.From(context.User)!;
                return Results.Ok(new MeResponse(new UserView(user.Username, user.Role.Name(), user.Region.Prefix, user.DisplayName),
                    context.Items[SessionAuthenticationHandler.ExpiresAtKey] as DateTimeOffset?));
            })
            .WithName("Me").WithSummary("The logged-in user and when the session ends at the latest");

        api.MapPost("/password", async (PasswordRequest body, HttpContext context, LoginService logins, CancellationToken ct) =>
            {
                var user = CurrentUser.From(context.User)!;
                context.Audit().Target = "user:" + user.Username;
                var problem = await logins.ChangePasswordAsync(user, body.CurrentPassword ?? "", body.NewPassword ?? "", ct);
                return problem is null ? Results.NoContent() : Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
            })
            .AllowForReadOnlyRoles().WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithName("ChangePassword").WithSummary("Change the own password; other sessions end");
    }
}
