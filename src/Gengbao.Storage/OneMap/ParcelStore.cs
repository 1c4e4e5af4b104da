using System.Text.Json.Nodes;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.OneMap;

/// <summary>
/// Reads parcels of the one map by spatial code, and the current layer versions. Over <see cref="ScopedConnections"/>
/// it sees only the caller's region.
/// </summary>
public sealed class ParcelStore(IConnectionSource connections)
{
    /// <summary>As the owner, unscoped: for the CLI and jobs.</summary>
    public ParcelStore(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    private static readonly string[] Tables = ["dltb", "yjjbnt", "gbznt", "pzyd", "bhtb", "admin_unit"];

    // One branch per layer table; geometry and bookkeeping columns are left out of the attributes.
    private static readonly string FindSql = string.Join("\nUNION ALL\n", Tables.Select(t => $"""
        SELECT '{(t == "admin_unit" ? "XZQ" : t.ToUpperInvariant())}', county_code, year, spatial_code, area_m2,
               (to_jsonb(x) - 'geom' - 'geom_4490' - 'attrs' - 'version_id' - 'area_m2' - 'spatial_code') || attrs,
               ST_AsGeoJSON(geom_4490, 8)
        FROM {t} x WHERE spatial_code = $1
        """)) + "\nORDER BY 3 DESC, 1";

    /// <summary>Every stored feature with this spatial code, newest survey year first (the same parcel may exist in several years and layers).</summary>
    public async Task<IReadOnlyList<Parcel>> FindAsync(string spatialCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(FindSql, connection);
        command.Parameters.AddWithValue(spatialCode);
        var parcels = new List<Parcel>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            parcels.Add(new Parcel(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetDecimal(4),
                JsonNode.Parse(reader.GetString(5))!.AsObject(), reader.GetString(6)));
        }
        return parcels;
    }

    public async Task<IReadOnlyList<LayerVersionInfo>> CurrentVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            SELECT id, layer, county_code, year, feature_count, source_file, imported_at FROM layer_version
            WHERE status = 'current' ORDER BY layer, county_code, year
            """, connection);
        var list = new List<LayerVersionInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new LayerVersionInfo(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4),
                Path.GetFileName(reader.GetString(5)), reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return list;
    }
}
