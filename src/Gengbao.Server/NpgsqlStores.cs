using Gengbao.Storage.Comparison;
using Gengbao.Storage.Ledger;
using Gengbao.Storage.OneMap;
using Gengbao.Storage.Screening;
using Npgsql;

namespace Gengbao.Server;

/// <summary>The storage seams the handlers use, over the one data source.</summary>
public sealed class NpgsqlStores(NpgsqlDataSource dataSource)
{
    public ParcelStore Parcels { get; } = new(dataSource);
    public UnitTotalsQuery UnitTotals { get; } = new(dataSource);
    public ScreeningQueue ScreeningRuns { get; } = new(dataSource);
    public ScreeningResultStore ScreeningResults { get; } = new(dataSource);
    public LandTransferStore LandTransfers { get; } = new(dataSource);
    public ComparisonJob Comparisons { get; } = new(dataSource, threads: 1);
}
