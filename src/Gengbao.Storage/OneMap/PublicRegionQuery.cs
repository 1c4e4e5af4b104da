using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.OneMap;

/// <summary>
/// County and township outlines for the public portal's clue map: the latest year of each unit, simplified to about
/// 20 m, as one GeoJSON FeatureCollection. Read as <c>gengbao_public</c>, so only columns graded public can appear.
/// </summary>
public sealed class PublicRegionQuery(NpgsqlDataSource dataSource)
{
    private readonly ScopedConnections _connections = new(dataSource, DataScope.Public);

    public async Task<string> GeoJsonAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                       'type', 'Feature',
                       'properties', json_build_object('code', code, 'name', name, 'level', level),
                       'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom_4490, 0.0002), 6, 0)::json) ORDER BY code), '[]'))::text
            FROM (SELECT DISTINCT ON (code) code, name, level, geom_4490 FROM admin_unit WHERE level IN (3, 4) ORDER BY code, year DESC) u
            """);
        return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
