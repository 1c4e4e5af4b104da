using System.Text.Json.Nodes;
using Gengbao.Geo.Crs;
using Npgsql;

namespace Gengbao.Storage.Screening;

/// <summary>
/// What a run over the change patches of one county and year reads: the patches' layer version and zone, and for each
/// reference layer the current version of every county with the greatest year not after the patches' year (so a
/// patch near a county border meets its neighbour's farmland and approvals, and a year without its own land survey
/// falls back to the latest earlier one).
/// </summary>
public sealed record ScreeningInputs(
    string CountyCode,
    int Year,
    GaussKrugerZone Zone,
    long PatchVersion,
    long[]? PatchFids,
    long[] LandVersions,
    long[] PermanentBasicFarmlandVersions,
    long[] HighStandardFarmlandVersions,
    long[] ApprovalVersions)
{
    /// <summary>The version ids by layer, as stored with the run.</summary>
    public JsonObject ToJson() => new()
    {
        ["BHTB"] = new JsonArray(PatchVersion),
        ["DLTB"] = Array(LandVersions),
        ["YJJBNT"] = Array(PermanentBasicFarmlandVersions),
        ["GBZNT"] = Array(HighStandardFarmlandVersions),
        ["PZYD"] = Array(ApprovalVersions),
    };

    private static JsonArray Array(long[] ids) => new(ids.Select(id => (JsonNode)id).ToArray());

    /// <summary>The inputs of a run, or an error naming what is missing.</summary>
    /// <exception cref="InvalidOperationException">The county has no current change patches for the year.</exception>
    public static async Task<ScreeningInputs> LoadAsync(NpgsqlDataSource dataSource, string countyCode, int year, long[]? patchFids,
        CancellationToken cancellationToken)
    {
        var (versions, srid) = await VersionsAsync(dataSource, countyCode, year, "BHTB", cancellationToken).ConfigureAwait(false);
        if (!versions.TryGetValue("BHTB", out var patchVersion) || srid is null)
        {
            throw new InvalidOperationException($"county {countyCode} has no change patches (BHTB) for {year}");
        }
        if (!CgcsCrs.TryGetZone(srid.Value, out var zone))
        {
            // Patches stored in longitude/latitude: screen in the 3° zone of their centre.
            await using var centre = dataSource.CreateCommand("SELECT ST_X(ST_Centroid(ST_Extent(geom_4490))) FROM bhtb WHERE version_id = $1");
            centre.Parameters.AddWithValue(patchVersion[0]);
            zone = CgcsCrs.ThreeDegreeZoneFor((double)(await centre.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, withPrefix: true);
        }
        return Create(countyCode, year, zone, patchVersion[0], patchFids, versions);
    }

    /// <summary>
    /// The reference layers only, for screening a single reported shape in <paramref name="countyCode"/> (no change
    /// patches): in the zone of the county's land survey, else the 3° zone at <paramref name="lon"/>. Null when no land
    /// survey of the year or earlier is loaded.
    /// </summary>
    public static async Task<ScreeningInputs?> LoadReferenceAsync(NpgsqlDataSource dataSource, string countyCode, int year, double lon,
        CancellationToken cancellationToken)
    {
        var (versions, srid) = await VersionsAsync(dataSource, countyCode, year, "DLTB", cancellationToken).ConfigureAwait(false);
        if (!versions.ContainsKey("DLTB"))
        {
            return null;
        }
        var zone = srid is { } s && CgcsCrs.TryGetZone(s, out var stored) ? stored : CgcsCrs.ThreeDegreeZoneFor(lon, withPrefix: true);
        return Create(countyCode, year, zone, 0, null, versions);
    }

    private static ScreeningInputs Create(string countyCode, int year, GaussKrugerZone zone, long patchVersion, long[]? patchFids,
        Dictionary<string, long[]> versions) =>
        new(countyCode, year, zone, patchVersion, patchFids,
            versions.GetValueOrDefault("DLTB", []), versions.GetValueOrDefault("YJJBNT", []),
            versions.GetValueOrDefault("GBZNT", []), versions.GetValueOrDefault("PZYD", []));

    /// <summary>
    /// Version ids by layer: the county's current BHTB of the year, and for DLTB, YJJBNT, GBZNT, PZYD the latest
    /// current version of the year or earlier of every county; with the SRID of the county's <paramref name="zoneLayer"/>.
    /// </summary>
    private static async Task<(Dictionary<string, long[]> Versions, int? Srid)> VersionsAsync(NpgsqlDataSource dataSource, string countyCode,
        int year, string zoneLayer, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT layer, array_agg(id ORDER BY id), min(srid) FILTER (WHERE layer = $3 AND county_code = $1) FROM (
                SELECT id, layer, county_code, srid FROM layer_version WHERE layer = 'BHTB' AND county_code = $1 AND year = $2 AND status = 'current'
                UNION ALL
                (SELECT DISTINCT ON (layer, county_code) id, layer, county_code, srid FROM layer_version
                 WHERE layer IN ('DLTB', 'YJJBNT', 'GBZNT', 'PZYD') AND status = 'current' AND year <= $2
                 ORDER BY layer, county_code, year DESC)
            ) v GROUP BY layer
            """);
        command.Parameters.AddWithValue(countyCode);
        command.Parameters.AddWithValue(year);
        command.Parameters.AddWithValue(zoneLayer);
        var versions = new Dictionary<string, long[]>(StringComparer.Ordinal);
        int? srid = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions[reader.GetString(0)] = reader.GetFieldValue<long[]>(1);
            if (!reader.IsDBNull(2))
            {
                srid = reader.GetInt32(2);
            }
        }
        return (versions, srid);
    }
}
