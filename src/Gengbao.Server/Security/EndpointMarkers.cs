namespace Gengbao.Server.Security;

/// <summary>Marks an endpoint whose GET reads data graded sensitive: every call is audited.</summary>
public sealed class SensitiveReadMetadata;

/// <summary>Marks a non-GET endpoint that read-only roles (leader) may still call: their own logout and password.</summary>
public sealed class SelfServiceMetadata;

/// <summary>Endpoint conventions for the security markers.</summary>
public static class EndpointMarkers
{
    /// <summary>Audit every read of this endpoint (it returns data graded sensitive).</summary>
    public static TBuilder ReadsSensitiveData<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SensitiveReadMetadata());

    /// <summary>Let read-only roles call this non-GET endpoint (it only changes their own session or password).</summary>
    public static TBuilder AllowForReadOnlyRoles<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SelfServiceMetadata());
}
