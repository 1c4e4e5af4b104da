using System.Text.Json.Nodes;
using Gengbao.Storage.Audit;

namespace Gengbao.Server.Security;

/// <summary>
/// Writes one audit entry per write request (any method but GET, HEAD, OPTIONS) and per read of an endpoint marked
/// <see cref="SensitiveReadMetadata"/>, after the response, whatever its status (refused attempts are audited too).
/// It runs after authentication and before authorization, so it sees who asked and what was answered.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditLog log, TimeProvider clock, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trail = context.Audit();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var method = context.Request.Method;
            var write = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
            var endpoint = context.GetEndpoint();
            if (write || trail.Force || endpoint?.Metadata.GetMetadata<SensitiveReadMetadata>() is not null)
            {
                await AppendAsync(context, trail, endpoint, failed);
            }
        }
    }

    private async Task AppendAsync(HttpContext context, AuditTrail trail, Endpoint? endpoint, bool failed)
    {
        var user = CurrentUser.From(context.User);
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        var detail = (JsonObject)trail.Detail.DeepClone();
        detail["status"] = failed ? 500 : context.Response.StatusCode;
        if (context.Request.QueryString.HasValue)
        {
            detail["query"] = context.Request.QueryString.Value;
        }
        var record = new AuditRecord(clock.GetUtcNow().UtcDateTime, trail.Actor ?? user?.Username ?? "anonymous",
            user is null ? "anonymous" : Gengbao.Security.Access.Roles.Name(user.Role), context.Connection.RemoteIpAddress?.ToString() ?? "",
            $"{context.Request.Method} {(pattern is null ? context.Request.Path.Value : "/" + pattern.TrimStart('/'))}",
            trail.Target ?? context.Request.Path.Value ?? "", detail.ToJsonString());
        try
        {
            await log.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // The response has been sent; the failure must at least reach the operators' log.
            logger.LogError(e, "could not write the audit entry for {Action} by {Actor}", record.Action, record.Actor);
        }
    }
}
