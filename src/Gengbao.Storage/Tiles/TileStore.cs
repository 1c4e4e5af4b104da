using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Tiles;

/// <summary>Vector tiles made by PostGIS (<c>ST_AsMVT</c>) from the one map's tables, and what stamps them.</summary>
public sealed class TileStore(IConnectionSource connections)
{
    /// <summary>As the owner, unscoped: for the CLI and background jobs.</summary>
    public TileStore(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    /// <summary>The current version ids and latest year of a layer (one small query on <c>layer_version</c>).</summary>
    public async Task<TileStamp> StampAsync(TileLayer layer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layer);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '')
                   -- change patches are drawn with their screening class: a finished run changes their tiles
                   || CASE WHEN $1 = 'BHTB' THEN '|' || (SELECT coalesce(max(id), 0) FROM screening_run WHERE status = 'done') ELSE '' END,
                   max(year)
            FROM layer_version WHERE layer = $1 AND status = 'current'
            """);
        command.Parameters.AddWithValue(layer.VersionLayer);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new TileStamp(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1));
    }

    /// <summary>The MVT bytes of tile z/x/y (EPSG:3857 tile grid) for a survey year; empty when no feature touches the tile.</summary>
    public async Task<byte[]> TileAsync(TileLayer layer, int z, int x, int y, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layer);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(layer.Sql);
        command.Parameters.AddWithValue(z);
        command.Parameters.AddWithValue(x);
        command.Parameters.AddWithValue(y);
        command.Parameters.AddWithValue(year);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[] ?? [];
    }

    /// <summary>Years with current data per tiled layer, and the extent of the admin units (else of the land-use patches).</summary>
    public async Task<TileCatalog> CatalogAsync(CancellationToken cancellationToken = default)
    {
        var years = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = connection.Command(
            "SELECT DISTINCT layer, year FROM layer_version WHERE status = 'current' ORDER BY layer, year DESC"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var layer = reader.GetString(0);
                if (!years.TryGetValue(layer, out var list))
                {
                    years[layer] = list = [];
                }
                list.Add(reader.GetInt32(1));
            }
        }
        double[]? extent = null;
        await using (var command = connection.Command("""
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            FROM (SELECT coalesce((SELECT ST_Extent(geom_4490) FROM admin_unit), (SELECT ST_Extent(geom_4490) FROM dltb)) AS e) x
            WHERE e IS NOT NULL
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                extent = [reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)];
            }
        }
        var layers = TileLayer.All
            .Select(l => new TileLayerInfo(l.Id, l.Title, years.TryGetValue(l.VersionLayer, out var y) ? y : [], l.MinZoom))
            .ToList();
        return new TileCatalog(layers, extent);
    }
}
