using Gengbao.Security.Access;
using Gengbao.Security.Crypto;
using Gengbao.Security.Masking;
using Gengbao.Security.Passwords;
using Gengbao.Server.Security;
using Gengbao.Storage.Security;
using Microsoft.AspNetCore.Mvc;

namespace Gengbao.Server.Apis;

/// <summary>
/// Account administration for system and region admins. A region admin sees and manages only accounts of his
/// region: checked here for a clear answer, and enforced by row-level security on <c>app_user</c> underneath.
/// </summary>
public static class AdminApi
{
    public sealed record CreateUserRequest(string? Username, string? Password, string? Role, string? RegionCode, string? DisplayName, string? RosterRef, string? Phone);

    public sealed record CreatedUser(string Username, string Role, string RegionCode, string? InitialPassword);

    public sealed record UserListItem(string Username, string Role, string RegionCode, string DisplayName, string? RosterRef, string? Phone,
        bool Disabled, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt, string CreatedBy);

    private const string PhoneContext = "app_user.phone";

    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(SecurityServices.AdminPolicy);

        api.MapGet("/users", async (HttpContext context, ScopedConnections connections, FieldCipher cipher, CancellationToken ct) =>
            {
                var caller = CurrentUser.From(context.User)!;
                var accounts = await new AccountStore(connections).ListAsync(ct);
                return Results.Ok(accounts.Select(a =>
                {
                    var phone = a.PhoneSealed is null ? null : cipher.Decrypt(a.PhoneSealed, PhoneContext);
                    return new UserListItem(a.Username, a.Role.Name(), a.Region.Prefix,
                        caller.Role.SeesPersonalData() ? a.DisplayName : PersonalDataMask.Name(a.DisplayName)!,
                        a.RosterRef, caller.Role.SeesPersonalData() ? phone : PersonalDataMask.Phone(phone),
                        a.Disabled, a.LockedUntil, a.CreatedAt, a.CreatedBy);
                }));
            })
            .ReadsSensitiveData().WithName("ListUsers").WithSummary("Accounts of the caller's region");

        api.MapPost("/users", async (CreateUserRequest body, HttpContext context, ScopedConnections connections, LoginService logins,
                FieldCipher cipher, CancellationToken ct) =>
            {
                var caller = CurrentUser.From(context.User)!;
                var username = body.Username?.Trim() ?? "";
                context.Audit().Target = "user:" + username;
                if (!Roles.TryParse(body.Role, out var role) || role == Role.Public)
                {
                    return Results.Problem($"role must be one of {string.Join(", ", Roles.AccountRoles.Select(r => r.Name()))}", statusCode: 400);
                }
                if (!RegionScope.TryParse(body.RegionCode, out var region) || (region.IsCountry && role != Role.SystemAdmin))
                {
                    return Results.Problem("regionCode must be an admin code of 2, 4, 6, 9 or 12 digits (empty only for system admins)", statusCode: 400);
                }
                if (!caller.Role.MayManage(caller.Region, role, region))
                {
                    return Results.Problem($"a {caller.Role.Name()} of region {caller.Region} may not create a {role.Name()} of region {region}", statusCode: 403);
                }
                var password = string.IsNullOrEmpty(body.Password) ? PasswordRules.Generate() : body.Password;
                if (PasswordRules.Check(password, username) is { } problem)
                {
                    return Results.Problem(problem, statusCode: 400);
                }
                var phone = string.IsNullOrWhiteSpace(body.Phone) ? null : cipher.Encrypt(body.Phone.Trim(), PhoneContext);
                try
                {
                    await new AccountStore(connections).CreateAsync(new NewAccount(username, logins.HashPassword(password), role, region,
                        body.DisplayName?.Trim() ?? "", string.IsNullOrWhiteSpace(body.RosterRef) ? null : body.RosterRef.Trim(), phone), caller.Username, ct);
                }
                catch (InvalidOperationException e)
                {
                    return Results.Problem(e.Message, statusCode: 409);
                }
                catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.CheckViolation)
                {
                    return Results.Problem($"username must be 2 to 64 of A-Z a-z 0-9 _ . @ -", statusCode: 400);
                }
                return Results.Created($"/api/admin/users/{Uri.EscapeDataString(username)}",
                    new CreatedUser(username, role.Name(), region.Prefix, string.IsNullOrEmpty(body.Password) ? password : null));
            })
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithName("CreateUser").WithSummary("Create an account tied to a region (and a roster entry); a generated password is returned once");

        api.MapPost("/users/{username}/disable", async (string username, HttpContext context, ScopedConnections connections, CancellationToken ct) =>
            {
                var caller = CurrentUser.From(context.User)!;
                context.Audit().Target = "user:" + username;
                var store = new AccountStore(connections);
                if (await store.FindAsync(username, ct) is not { } account)
                {
                    return Results.Problem($"no account '{username}' in your region", statusCode: 404);
                }
                if (!caller.Role.MayManage(caller.Region, account.Role, account.Region) || account.Id == caller.Id)
                {
                    return Results.Problem($"you may not disable '{username}'", statusCode: 403);
                }
                await store.SetDisabledAsync(username, true, ct);
                return Results.NoContent();
            })
            .WithName("DisableUser").WithSummary("Disable an account of the caller's region; its sessions stop working at once");
    }
}
