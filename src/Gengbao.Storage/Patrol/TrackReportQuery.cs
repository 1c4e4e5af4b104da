using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Gengbao.Patrol.Tracks;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Patrol;

/// <summary>A task's cell and track with the plausibility and coverage report.</summary>
public sealed record TaskTrackReport(long TaskId, string CellCode, TrackReport Report, IReadOnlyList<TrackFix> Fixes, LineString Simplified);

/// <summary>
/// Loads what a track is judged against: the cell's polygon (newest year) and the cultivated DLTB parcels (DLBM
/// 0101/0102/0103, newest year of the county) that touch it, both CGCS2000 longitude/latitude; PostGIS does the
/// spatial filter, <see cref="TrackAnalyzer"/> the rules and official areas.
/// </summary>
public sealed class TrackReportQuery(IConnectionSource connections, TrackStore tracks)
{
    public async Task<TaskTrackReport> RunAsync(long taskId, TrackOptions? options = null, CancellationToken cancellationToken = default)
    {
        string county, cellCode;
        Geometry? cell;
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = connection.Command("""
            SELECT t.county_code, t.cell_code,
                   (SELECT a.geom_4490 FROM admin_unit a WHERE a.code = t.cell_code ORDER BY a.year DESC LIMIT 1)
            FROM patrol_task t WHERE t.id = $1
            """))
        {
            command.Parameters.AddWithValue(taskId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new PatrolException(PatrolError.NotFound, $"no patrol task {taskId}");
            }
            (county, cellCode) = (reader.GetString(0), reader.GetString(1));
            cell = reader.IsDBNull(2) ? null : reader.GetFieldValue<Geometry>(2);
        }
        if (cell is null)
        {
            throw new PatrolException(PatrolError.NotFound, $"cell {cellCode} of task {taskId} has no polygon in admin_unit");
        }
        var cultivated = new List<Geometry>();
        await using (var command = connection.Command("""
            SELECT d.geom_4490 FROM dltb d
            WHERE d.county_code = $1 AND d.year = (SELECT max(year) FROM dltb WHERE county_code = $1)
              AND d.dlbm IN ('0101', '0102', '0103') AND d.geom_4490 && $2 AND ST_Intersects(d.geom_4490, $2)
            """))
        {
            command.Parameters.AddWithValue(county);
            command.Parameters.AddWithValue(cell);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cultivated.Add(reader.GetFieldValue<Geometry>(0));
            }
        }
        var points = await tracks.ReadAsync(taskId, cancellationToken).ConfigureAwait(false);
        var report = TrackAnalyzer.Analyze(points, cell, cultivated, options);
        return new TaskTrackReport(taskId, cellCode, report, TrackAnalyzer.Replay(points, cell, options), TrackAnalyzer.Simplify(points, options));
    }
}
