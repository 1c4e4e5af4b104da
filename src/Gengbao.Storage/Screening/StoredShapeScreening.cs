using Gengbao.Geo.Crs;
using Gengbao.Screening;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Screening;

/// <summary>
/// Screens one reported shape (a patrol finding's drawn polygon) against the stored layers exactly as the screening
/// job screens a change patch: the latest survey, farmland and approvals of the year or earlier, neighbours included,
/// official areas (<see cref="ScreeningJob.PlatformRules"/>). Points and shapes where no land survey is loaded are not
/// screened (null): they go to a field check.
/// </summary>
public sealed class StoredShapeScreening(NpgsqlDataSource dataSource)
{
    public async Task<PatchScreening?> ScreenAsync(string countyCode, int year, Geometry lonLat, string number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lonLat);
        if (lonLat is not (Polygon or MultiPolygon) || lonLat.IsEmpty || !lonLat.IsValid)
        {
            return null;
        }
        var inputs = await LoadInputsAsync(countyCode, year, lonLat, cancellationToken).ConfigureAwait(false);
        if (inputs is null)
        {
            return null;
        }
        var zoned = GeometryReprojector.ToZone(lonLat, inputs.Zone);
        using var source = new PostgisScreeningSource(dataSource, inputs);
        var layers = source.ReadReferenceLayers([zoned.EnvelopeInternal]);
        var engine = new ScreeningEngine(inputs.Zone, ScreeningJob.PlatformRules);
        return engine.Screen([new ChangePatch(0, number, zoned, null, null)], layers, cancellationToken: cancellationToken)[0];
    }

    /// <summary>The reference versions as <see cref="ScreeningInputs.LoadAsync"/> picks them, without change patches; the zone of the county's survey.</summary>
    private async Task<ScreeningInputs?> LoadInputsAsync(string countyCode, int year, Geometry lonLat, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT layer, array_agg(id ORDER BY id), min(srid) FILTER (WHERE county_code = $1 AND layer = 'DLTB') FROM (
                SELECT DISTINCT ON (layer, county_code) id, layer, county_code, srid FROM layer_version
                WHERE layer IN ('DLTB', 'YJJBNT', 'GBZNT', 'PZYD') AND status = 'current' AND year <= $2
                ORDER BY layer, county_code, year DESC
            ) v GROUP BY layer
            """);
        command.Parameters.AddWithValue(countyCode);
        command.Parameters.AddWithValue(year);
        var versions = new Dictionary<string, long[]>(StringComparer.Ordinal);
        int? srid = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                versions[reader.GetString(0)] = reader.GetFieldValue<long[]>(1);
                if (!reader.IsDBNull(2))
                {
                    srid = reader.GetInt32(2);
                }
            }
        }
        if (!versions.ContainsKey("DLTB"))
        {
            return null;
        }
        var zone = srid is { } s && CgcsCrs.TryGetZone(s, out var stored) ? stored : CgcsCrs.ThreeDegreeZoneFor(lonLat.Centroid.X, withPrefix: true);
        return new ScreeningInputs(countyCode, year, zone, 0, null, versions["DLTB"], versions.GetValueOrDefault("YJJBNT", []),
            versions.GetValueOrDefault("GBZNT", []), versions.GetValueOrDefault("PZYD", []));
    }
}
