using Gengbao.Storage.Database;
using Npgsql;

namespace Gengbao.Storage.Screening;

/// <summary>
/// Keeps stored screening results true to the layers while an import replaces them, inside the import's transaction,
/// so results and layers never disagree after a commit and no re-screening is lost to a crash:
/// <list type="bullet">
/// <item>re-imported change patches (BHTB) whose content is unchanged keep their result (moved to the new fid);
/// new or changed ones are queued;</item>
/// <item>re-imported reference layers (DLTB, YJJBNT, GBZNT, PZYD): only the features that differ from the version they
/// replace are collected, and the screened patches they touch are queued.</item>
/// </list>
/// One instance per import. <see cref="BeforeSwapAsync"/> runs for each layer before its old rows are removed,
/// <see cref="QueueAsync"/> once after all layers are in.
/// </summary>
public sealed class ScreeningInvalidation
{
    /// <summary>Per reference layer, the columns whose change alters a screening.</summary>
    private static readonly Dictionary<string, string> ReferenceKeys = new(StringComparer.Ordinal)
    {
        ["DLTB"] = "coalesce(dlbm, '')",
        ["YJJBNT"] = "''",
        ["GBZNT"] = "''",
        ["PZYD"] = "coalesce(pzwh, '') || '|' || coalesce(pzlx, '')",
    };

    private bool _prepared;

    /// <summary>Whether a layer's replacement can change screening results.</summary>
    public static bool Concerns(string layerCode) => layerCode == "BHTB" || ReferenceKeys.ContainsKey(layerCode);

    /// <summary>
    /// Called with the new rows staged in <paramref name="stageTable"/> and the old ones still in <paramref name="table"/>.
    /// </summary>
    public async Task BeforeSwapAsync(NpgsqlConnection connection, string layerCode, string table, string stageTable, int year,
        string[] counties, CancellationToken cancellationToken)
    {
        if (!Concerns(layerCode))
        {
            return;
        }
        await PrepareAsync(connection, cancellationToken).ConfigureAwait(false);
        if (layerCode == "BHTB")
        {
            // Results of unchanged patches follow them to their new fid; the rest of the county-year is re-screened.
            await connection.ExecuteAsync($"""
                WITH old AS (
                    DELETE FROM screening_result WHERE county_code = ANY($2) AND year = $1 RETURNING *
                )
                INSERT INTO screening_result
                SELECT DISTINCT ON (s.county_code, s.fid)
                       old.county_code, old.year, s.fid, old.run_id, old.jcbh, old.class, old.tags, old.patch_mj, old.gd_mj, old.yjjbnt_mj,
                       old.gbznt_mj, old.pzyd_mj, old.unapproved_gd_mj, old.unapproved_yjjbnt_mj, old.approvals, old.approved_by_type,
                       old.reason, old.screened_at, old.patch_hash
                FROM old JOIN {stageTable} s
                  ON s.county_code = old.county_code AND screening_patch_hash(s.jcbh, s.qsxdl, s.hsxdl, s.geom_4490) = old.patch_hash
                ORDER BY s.county_code, s.fid, old.fid
                """, cancellationToken, year, counties).ConfigureAwait(false);
            await connection.ExecuteAsync("""
                INSERT INTO screening_touched (county_code, year) SELECT c, $1 FROM unnest($2::text[]) c ON CONFLICT DO NOTHING
                """, cancellationToken, year, counties).ConfigureAwait(false);
            return;
        }

        // The version being replaced: the same year's, or else the latest earlier year's (the one patches used until now).
        var key = ReferenceKeys[layerCode];
        await connection.ExecuteAsync($"""
            WITH replaced AS (
                SELECT DISTINCT ON (county_code) id FROM layer_version
                WHERE layer = $3 AND county_code = ANY($2) AND year <= $1 AND status = 'current'
                ORDER BY county_code, year DESC
            ),
            old AS (
                SELECT t.geom_4490, md5({key} || encode(ST_AsBinary(t.geom_4490), 'hex')) AS h
                FROM {table} t WHERE t.version_id IN (SELECT id FROM replaced)
            ),
            new AS (
                SELECT s.geom_4490, md5({key} || encode(ST_AsBinary(s.geom_4490), 'hex')) AS h FROM {stageTable} s
            )
            INSERT INTO screening_changed (year, layer, geom_4490)
            SELECT $1, $3, geom_4490 FROM old WHERE h NOT IN (SELECT h FROM new)
            UNION ALL
            SELECT $1, $3, geom_4490 FROM new WHERE h NOT IN (SELECT h FROM old)
            """, cancellationToken, year, counties, layerCode).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues one import-triggered run per county and year with the patches to screen again; returns the runs queued.
    /// </summary>
    public async Task<IReadOnlyList<QueuedRun>> QueueAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!_prepared)
        {
            return [];
        }
        await using var command = new NpgsqlCommand("""
            WITH unscreened AS (
                SELECT b.county_code, b.year, b.fid FROM bhtb b
                JOIN screening_touched t ON t.county_code = b.county_code AND t.year = b.year
                WHERE NOT EXISTS (SELECT 1 FROM screening_result r WHERE r.county_code = b.county_code AND r.year = b.year AND r.fid = b.fid)
            ),
            touched AS (
                SELECT DISTINCT r.county_code, r.year, r.fid FROM screening_changed c
                JOIN bhtb b ON b.geom_4490 && c.geom_4490 AND b.year >= c.year AND ST_Intersects(b.geom_4490, c.geom_4490)
                JOIN screening_result r ON r.county_code = b.county_code AND r.year = b.year AND r.fid = b.fid
            ),
            layers AS (
                SELECT string_agg(DISTINCT layer, ', ' ORDER BY layer) AS names, count(*) AS n FROM screening_changed
            ),
            affected AS (
                SELECT county_code, year, fid, true AS new FROM unscreened
                UNION SELECT county_code, year, fid, false FROM touched
            ),
            grouped AS (
                SELECT a.county_code, a.year, array_agg(a.fid ORDER BY a.fid) AS fids, count(*) FILTER (WHERE a.new) AS new_count,
                       count(*) FILTER (WHERE NOT a.new) AS touched_count,
                       (SELECT count(*) FROM bhtb b WHERE b.county_code = a.county_code AND b.year = a.year) AS patches
                FROM affected a GROUP BY a.county_code, a.year
            )
            INSERT INTO screening_run (county_code, year, trigger, reason, patch_fids)
            SELECT g.county_code, g.year, 'import',
                   concat_ws('; ',
                       CASE WHEN g.new_count > 0 THEN g.new_count || ' new or changed change patches' END,
                       CASE WHEN g.touched_count > 0 THEN g.touched_count || ' screened patches touched by ' || l.n || ' changed features of ' || l.names END),
                   CASE WHEN g.new_count = g.patches THEN NULL ELSE g.fids END
            FROM grouped g CROSS JOIN layers l
            ORDER BY g.county_code, g.year
            RETURNING id, county_code, year, coalesce(cardinality(patch_fids), -1), reason
            """, connection) { CommandTimeout = 0 };
        var runs = new List<QueuedRun>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var count = reader.GetInt32(3);
                runs.Add(new QueuedRun(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), count < 0 ? null : count, reader.GetString(4)));
            }
        }
        if (runs.Count > 0)
        {
            await AnalysisJobs.NotifyAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        await connection.ExecuteAsync("DROP TABLE screening_touched; DROP TABLE screening_changed", cancellationToken).ConfigureAwait(false);
        _prepared = false;
        return runs;
    }

    private async Task PrepareAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_prepared)
        {
            return;
        }
        await connection.ExecuteAsync("""
            CREATE TEMP TABLE screening_touched (county_code text, year int, PRIMARY KEY (county_code, year)) ON COMMIT DROP;
            CREATE TEMP TABLE screening_changed (year int, layer text, geom_4490 geometry) ON COMMIT DROP;
            """, cancellationToken).ConfigureAwait(false);
        _prepared = true;
    }

}

/// <summary>A screening run put in the queue.</summary>
/// <param name="Id">Run id.</param>
/// <param name="CountyCode">County of the change patches.</param>
/// <param name="Year">Year of the change patches.</param>
/// <param name="PatchCount">Patches to screen, or null for every patch of the county and year.</param>
/// <param name="Reason">Why it was queued.</param>
public sealed record QueuedRun(long Id, string CountyCode, int Year, int? PatchCount, string Reason);
