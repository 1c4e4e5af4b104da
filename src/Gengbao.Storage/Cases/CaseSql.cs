namespace Gengbao.Storage.Cases;

/// <summary>The longer SQL of the case stores.</summary>
internal static class CaseSql
{
    /// <summary>Screened change patches of a county and year not yet taken in as cases ($1 county, $2 year).</summary>
    public const string ScreenedPatches = """
        SELECT r.jcbh, r.class, r.reason, b.geom_4490, r.fid,
               lower(coalesce(b.attrs->>'source', b.attrs->>'SOURCE', '')) IN ('monitoring', '本级监测')
        FROM screening_result r
        JOIN bhtb b ON b.county_code = r.county_code AND b.year = r.year AND b.fid = r.fid
        WHERE r.county_code = $1 AND r.year = $2
          AND NOT EXISTS (SELECT 1 FROM case_source s WHERE s.kind IN ('issued', 'monitoring') AND s.external_number = r.jcbh)
        ORDER BY r.fid
        """;

    /// <summary>
    /// The oldest open case of county $1 at the place of geometry $2: within $3 metres when either is a point or line,
    /// else overlapping by at least share $4 of the smaller polygon (Gengbao.Cases.DuplicateRule). Locked for the merge.
    /// </summary>
    public const string OpenCaseAtPlace = """
        SELECT c.id, c.state FROM problem_case c
        WHERE c.county_code = $1 AND c.state NOT IN ('closed_legal', 'closed', 'archived')
          AND c.geom_4490 && ST_Expand($2::geometry, 0.001)
          AND ST_DWithin(c.geom_4490::geography, $2::geography, $3)
          AND (ST_Dimension(c.geom_4490) < 2 OR ST_Dimension($2::geometry) < 2
               OR ST_Area(ST_Intersection(c.geom_4490, $2::geometry)::geography)
                  >= $4 * least(ST_Area(c.geom_4490::geography), ST_Area($2::geography)))
        ORDER BY c.id LIMIT 1
        FOR UPDATE OF c
        """;

    public const string InsertCase = """
        INSERT INTO problem_case (county_code, unit_code, town_code, code, state, geom_4490, area_m2, title, reason, created_at, updated_at)
        VALUES ($1, $2, $3, 'yellow', 'verifying', $4,
                CASE WHEN ST_Dimension($4::geometry) = 2 THEN round(ST_Area($4::geography)::numeric, 2) END, $5, $6, $7, $7)
        RETURNING id
        """;

    /// <summary>The units containing a place, newest year of each county ($1 geometry): county, village, township.</summary>
    public const string Locate = """
        SELECT a.county_code, max(a.code) FILTER (WHERE a.level = 5), max(a.code) FILTER (WHERE a.level = 4)
        FROM admin_unit a
        WHERE ST_Intersects(a.geom_4490, ST_PointOnSurface($1::geometry))
          AND a.year = (SELECT max(m.year) FROM admin_unit m WHERE m.county_code = a.county_code)
        GROUP BY a.county_code
        ORDER BY count(*) DESC, a.county_code
        LIMIT 1
        """;

    /// <summary>The village-group cell at a place ($1 county, $2 geometry) and its current manager on day $3, if any.</summary>
    public const string GroupCell = """
        SELECT a.code, (SELECT r.id FROM patrol_roster r
                        WHERE r.county_code = a.county_code AND r.cell_code = a.code AND r.role = 'manager' AND r.superseded_at IS NULL
                          AND r.valid_from <= $3 AND (r.valid_to IS NULL OR r.valid_to >= $3) ORDER BY r.id LIMIT 1)
        FROM admin_unit a
        WHERE a.county_code = $1 AND a.level = 6 AND ST_Intersects(a.geom_4490, ST_PointOnSurface($2::geometry))
        ORDER BY a.year DESC LIMIT 1
        """;

    /// <summary>The current manager of cell $2 in county $1 on day $3.</summary>
    public const string CellManager = """
        SELECT r.id FROM patrol_roster r
        WHERE r.county_code = $1 AND r.cell_code = $2 AND r.role = 'manager' AND r.superseded_at IS NULL
          AND r.valid_from <= $3 AND (r.valid_to IS NULL OR r.valid_to >= $3)
        ORDER BY r.id LIMIT 1
        """;

    /// <summary>
    /// The notice of escalated task $1 to cell $2 at $3, addressed to that cell's manager on day $4 if the roster has
    /// one, text $5. Once per task (unique task_id).
    /// </summary>
    public const string InsertEscalationNotice = """
        INSERT INTO case_escalation_notice (county_code, task_id, case_id, kind, cell_code, escalated_to, recipient_id, due_at, created_at, message)
        SELECT t.county_code, t.id, t.case_id, t.kind, t.cell_code, $2,
               (SELECT r.id FROM patrol_roster r
                WHERE r.county_code = t.county_code AND r.cell_code = $2 AND r.role = 'manager' AND r.superseded_at IS NULL
                  AND r.valid_from <= $4 AND (r.valid_to IS NULL OR r.valid_to >= $4) ORDER BY r.id LIMIT 1),
               t.due_at, $3, $5
        FROM case_task t WHERE t.id = $1
        ON CONFLICT (task_id) DO NOTHING
        """;

    /// <summary>
    /// Open verification tasks of cases that came only from change patches ($1 county, $2 year) whose stored screening
    /// result is now green while the case is still yellow and verifying: the re-colouring after a run (docs/cases.md).
    /// Returns case id, unit, result's run id and reason.
    /// </summary>
    public const string RecolourCandidates = """
        SELECT c.id, c.unit_code, g.run_id, g.reason
        FROM problem_case c
        JOIN (SELECT s.case_id, max(r.run_id) AS run_id, string_agg(DISTINCT r.reason, '；') AS reason
              FROM case_source s
              JOIN screening_result r ON r.jcbh = s.external_number AND r.county_code = $1 AND r.year = $2
              WHERE s.county_code = $1 AND s.kind IN ('issued', 'monitoring')
              GROUP BY s.case_id
              HAVING bool_and(r.class = 'green')
                 AND count(*) = (SELECT count(*) FROM case_source a WHERE a.case_id = s.case_id)) g ON g.case_id = c.id
        WHERE c.county_code = $1 AND c.state = 'verifying' AND c.code = 'yellow'
        ORDER BY c.id
        FOR UPDATE OF c
        """;
}
