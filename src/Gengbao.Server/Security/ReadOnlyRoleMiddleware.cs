using Gengbao.Security.Access;

namespace Gengbao.Server.Security;

/// <summary>
/// Read-only roles (leader, <see cref="Roles.CanWrite"/>) get 403 for any request but GET, HEAD and OPTIONS, on every
/// endpoint present and future, except their own logout and password change (<see cref="SelfServiceMetadata"/>).
/// </summary>
public sealed class ReadOnlyRoleMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
            && CurrentUser.From(context.User) is { } user && !user.Role.CanWrite()
            && context.GetEndpoint()?.Metadata.GetMetadata<SelfServiceMetadata>() is null)
        {
            return Results.Problem($"the {user.Role.Name()} role is read-only", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
        }
        return next(context);
    }
}
