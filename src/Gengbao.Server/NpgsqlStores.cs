using Gengbao.Storage.Ledger;
using Gengbao.Storage.OneMap;
using Gengbao.Storage.Tiles;
using Npgsql;

namespace Gengbao.Server;

/// <summary>The storage seams the handlers use, over the one data source.</summary>
public sealed class NpgsqlStores(NpgsqlDataSource dataSource)
{
    public ParcelStore Parcels { get; } = new(dataSource);
    public UnitTotalsQuery UnitTotals { get; } = new(dataSource);
    public TileStore Tiles { get; } = new(dataSource);
    public OneMapSearch Search { get; } = new(dataSource);
}
