using Gengbao.Storage.Cases;
using Gengbao.Storage.Comparison;
using Gengbao.Storage.Exchange;
using Gengbao.Storage.Ledger;
using Gengbao.Storage.Ogc;
using Gengbao.Storage.OneMap;
using Gengbao.Storage.Screening;
using Gengbao.Storage.Security;
using Gengbao.Storage.Tiles;

namespace Gengbao.Server;

/// <summary>
/// The storage seams the handlers use, one per request, over connections scoped to the caller's region: PostgreSQL's
/// row-level security decides what exists for him (docs/security.md). Never give a store the owner data source here.
/// </summary>
public sealed class NpgsqlStores(ScopedConnections connections)
{
    /// <summary>The caller's scope: what he may see, part of any cache key of scoped data (tiles).</summary>
    public DataScope Scope => connections.Scope;

    public ParcelStore Parcels { get; } = new(connections);
    public UnitTotalsQuery UnitTotals { get; } = new(connections);
    public LedgerStores Ledger { get; } = new(connections);
    public ScreeningQueue ScreeningRuns { get; } = new(connections);
    public ScreeningResultStore ScreeningResults { get; } = new(connections);
    public LandTransferStore LandTransfers { get; } = new(connections);
    public ComparisonQueue Comparisons { get; } = new(connections);
    public TileStore Tiles { get; } = new(connections);
    public OneMapSearch Search { get; } = new(connections);
    public CaseStore Cases { get; } = new(connections);
    public OgcFeatureStore OgcFeatures { get; } = new(connections);
    public ExchangeCatalog ExchangeCatalog { get; } = new(connections);
    public DeliveryLog Deliveries { get; } = new(connections);
    public PackageBuilder Packages { get; } = new(connections);
}
