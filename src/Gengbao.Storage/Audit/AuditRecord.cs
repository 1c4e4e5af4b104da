namespace Gengbao.Storage.Audit;

/// <summary>What happened, before it gets its place in the chain: who, from where, what, on what, with JSON detail.</summary>
public sealed record AuditRecord(DateTime At, string Actor, string Role, string Ip, string Action, string Target, string DetailJson = "{}");
