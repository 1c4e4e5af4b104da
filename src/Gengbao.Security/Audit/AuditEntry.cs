namespace Gengbao.Security.Audit;

/// <summary>
/// One audit record as it is hashed: who (<paramref name="Actor"/>, <paramref name="Role"/>, <paramref name="Ip"/>),
/// what (<paramref name="Action"/> such as <c>POST /api/admin/users</c>, <paramref name="Target"/>, and
/// <paramref name="Detail"/>, JSON text in PostgreSQL's jsonb output form), when (<paramref name="At"/>, UTC, microseconds).
/// </summary>
public sealed record AuditEntry(long Seq, DateTime At, string Actor, string Role, string Ip, string Action, string Target, string Detail);
