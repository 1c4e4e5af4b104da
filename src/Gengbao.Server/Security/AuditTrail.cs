using System.Text.Json.Nodes;

namespace Gengbao.Server.Security;

/// <summary>
/// What a handler adds to its request's audit entry (a request feature): the actor when no one is logged in yet
/// (login), the target it acted on, and detail fields. Never put passwords or tokens here.
/// </summary>
public sealed class AuditTrail
{
    public string? Actor { get; set; }

    public string? Target { get; set; }

    public JsonObject Detail { get; } = [];

    /// <summary>Audit this request even though it is a read of non-sensitive data.</summary>
    public bool Force { get; set; }
}

public static class AuditTrailExtensions
{
    /// <summary>The request's audit trail, created on first use.</summary>
    public static AuditTrail Audit(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trail = context.Features.Get<AuditTrail>();
        if (trail is null)
        {
            trail = new AuditTrail();
            context.Features.Set(trail);
        }
        return trail;
    }
}
