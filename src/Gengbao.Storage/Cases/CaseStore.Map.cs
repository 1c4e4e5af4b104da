using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>What the case map shows beside the case's own geometry (web/src/cases/caseMap.ts).</summary>
public sealed partial class CaseStore
{
    // Patrol sources carry the finding id as their external number; photos are located by their EXIF position when
    // they have one; public clues by the point the reporter gave. Row-level security scopes every table to the caller.
    private const string EvidencePointsSql = """
        SELECT 'finding', f.id, ST_X(ST_PointOnSurface(f.geom_4490)), ST_Y(ST_PointOnSurface(f.geom_4490)), f.category, f.created_at
        FROM case_source s JOIN patrol_finding f ON f.id::text = s.external_number
        WHERE s.case_id = $1 AND s.kind = 'patrol'
        UNION ALL
        SELECT 'photo', p.id, p.exif_lon, p.exif_lat, p.file_name, coalesce(p.exif_time, p.created_at)
        FROM case_source s JOIN patrol_finding f ON f.id::text = s.external_number
        JOIN patrol_finding_photo p ON p.county_code = f.county_code AND p.finding_id = f.id
        WHERE s.case_id = $1 AND s.kind = 'patrol' AND p.exif_lon IS NOT NULL AND p.exif_lat IS NOT NULL
        UNION ALL
        SELECT 'clue', c.id, c.lon, c.lat, c.tracking_number, c.received_at FROM public_clue c WHERE c.case_id = $1
        ORDER BY 1, 2
        """;

    /// <summary>Located evidence of a case (finding places, photo EXIF positions, clue points); empty when it has none.</summary>
    public async Task<IReadOnlyList<CaseEvidencePoint>> EvidencePointsAsync(long caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, EvidencePointsSql, caseId,
            r => new CaseEvidencePoint(r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5)), cancellationToken).ConfigureAwait(false);
    }
}
