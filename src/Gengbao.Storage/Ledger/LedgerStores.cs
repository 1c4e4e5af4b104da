using Gengbao.Storage.Security;

namespace Gengbao.Storage.Ledger;

/// <summary>The ledger's stores over one connection source (the server gives it the request's scoped connections).</summary>
public sealed class LedgerStores(IConnectionSource connections)
{
    public LedgerQuery Accounts { get; } = new(connections);
    public AssessmentQuery Assessment { get; } = new(connections);
    public ProtectionTargetStore Targets { get; } = new(connections);
    public LedgerReportBuilder Reports { get; } = new(connections);
    public PbfOptimisationQuery Pbf { get; } = new(connections);
}
