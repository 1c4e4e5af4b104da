using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Comparison;

/// <summary>Reads stored survey-year comparisons: the transfer matrix summed over any admin unit, and the cultivated-land changes.</summary>
public sealed class LandTransferStore(IConnectionSource connections)
{
    /// <summary>As the owner, unscoped: for the CLI and background jobs.</summary>
    public LandTransferStore(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    /// <summary>
    /// The transfer matrix between two years for the unit <paramref name="unitCode"/> (any prefix of a 12-digit village
    /// code: county 6, township 9, village 12 digits; a prefecture 4), summed over its villages; m², by from/to class.
    /// </summary>
    public async Task<IReadOnlyList<LandTransferRow>> MatrixAsync(string unitCode, int beforeYear, int afterYear, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT from_dlbm, to_dlbm, sum(area_m2) FROM land_transfer
            WHERE county_code LIKE left($1, 6) || '%' AND village_code LIKE $1 || '%' AND before_year = $2 AND after_year = $3
            GROUP BY from_dlbm, to_dlbm ORDER BY from_dlbm, to_dlbm
            """);
        command.Parameters.AddWithValue(unitCode);
        command.Parameters.AddWithValue(beforeYear);
        command.Parameters.AddWithValue(afterYear);
        var rows = new List<LandTransferRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new LandTransferRow(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2)));
        }
        return rows;
    }

    /// <summary>The stored matrix of a county between two years per village, ordered by village, from, to (ordinal).</summary>
    public async Task<IReadOnlyList<(string Village, string FromDlbm, string ToDlbm, decimal AreaM2)>> VillageRowsAsync(string countyCode, int beforeYear,
        int afterYear, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT village_code, from_dlbm, to_dlbm, area_m2 FROM land_transfer WHERE county_code = $1 AND before_year = $2 AND after_year = $3
            ORDER BY village_code COLLATE "C", from_dlbm COLLATE "C", to_dlbm COLLATE "C"
            """);
        command.Parameters.AddWithValue(countyCode);
        command.Parameters.AddWithValue(beforeYear);
        command.Parameters.AddWithValue(afterYear);
        var rows = new List<(string, string, string, decimal)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3)));
        }
        return rows;
    }

    /// <summary>Cultivated land lost and gained in the unit between two years as GeoJSON (EPSG:4490).</summary>
    public async Task<string> ChangesGeoJsonAsync(string unitCode, int beforeYear, int afterYear, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                'type', 'Feature', 'geometry', ST_AsGeoJSON(geom_4490, 7)::json,
                'properties', json_build_object('villageCode', village_code, 'change', change, 'fromDlbm', from_dlbm, 'toDlbm', to_dlbm, 'areaM2', area_m2))
                ORDER BY county_code, piece), '[]'))::text
            FROM cultivated_change
            WHERE county_code LIKE left($1, 6) || '%' AND village_code LIKE $1 || '%' AND before_year = $2 AND after_year = $3
            """);
        command.Parameters.AddWithValue(unitCode);
        command.Parameters.AddWithValue(beforeYear);
        command.Parameters.AddWithValue(afterYear);
        return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}

/// <summary>Area (m²) that went from one land class to another between two survey years.</summary>
public sealed record LandTransferRow(string FromDlbm, string ToDlbm, decimal AreaM2);
