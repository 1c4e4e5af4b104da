using Gengbao.Storage.Database;
using System.Text.Json.Nodes;
using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using Gengbao.Screening.Comparison;
using Gengbao.Storage.Screening;
using Gengbao.Storage.Security;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace Gengbao.Storage.Comparison;

/// <summary>
/// Survey-year comparison as a platform job: queue (<c>comparison_run</c>, claimed with <c>SKIP LOCKED</c> like
/// screening runs), and execution: the county's DLTB of both years read from PostGIS, overlaid by
/// <see cref="LandUseOverlayOp"/> in the county's zone, and the transfer matrix per village and the cultivated-land
/// changes replaced for that county and pair of years in one transaction.
/// </summary>
public sealed class ComparisonJob(NpgsqlDataSource dataSource, int threads)
{
    private readonly ComparisonQueue _queue = new(new OwnerConnections(dataSource));

    /// <inheritdoc cref="ComparisonQueue.EnqueueAsync"/>
    public Task<ComparisonRun> EnqueueAsync(string countyCode, int beforeYear, int afterYear, string requestedBy, CancellationToken cancellationToken = default) =>
        _queue.EnqueueAsync(countyCode, beforeYear, afterYear, requestedBy, cancellationToken);

    /// <inheritdoc cref="ComparisonQueue.ClaimAsync"/>
    public Task<ComparisonRun?> ClaimAsync(string worker, long? onlyRunId = null, CancellationToken cancellationToken = default) =>
        _queue.ClaimAsync(worker, onlyRunId, cancellationToken);

    /// <inheritdoc cref="ComparisonQueue.GetAsync"/>
    public Task<ComparisonRun?> GetAsync(long id, CancellationToken cancellationToken = default) => _queue.GetAsync(id, cancellationToken);

    /// <summary>Runs a claimed comparison to the end; returns it as stored afterwards (done or failed).</summary>
    public async Task<ComparisonRun> ExecuteAsync(ComparisonRun run, CancellationToken cancellationToken = default)
    {
        try
        {
            var (zone, versions) = await InputsAsync(run, cancellationToken).ConfigureAwait(false);
            await StageAsync(run.Id, "reading", cancellationToken, ("input_versions", versions.ToJsonString()),
                ("engine_version", ScreeningJob.EngineVersion)).ConfigureAwait(false);
            var before = Task.Run(() => ReadParcels(run.CountyCode, run.BeforeYear, zone), cancellationToken);
            var after = await Task.Run(() => ReadParcels(run.CountyCode, run.AfterYear, zone), cancellationToken).ConfigureAwait(false);
            var beforeParcels = await before.ConfigureAwait(false);
            await StageAsync(run.Id, "overlaying", cancellationToken).ConfigureAwait(false);

            using var heartbeat = new Timer(_ => _ = StageAsync(run.Id, "overlaying", CancellationToken.None), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
            LandUseComparison comparison;
            try
            {
                comparison = await Task.Run(() => LandUseOverlayOp.Run(beforeParcels, after, zone, threads, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (ComparisonInputException e)
            {
                throw new InvalidOperationException($"DLTB {(e.Side == ComparisonSide.Before ? run.BeforeYear : run.AfterYear)} of county {run.CountyCode}: feature {e.ParcelId}: {e.Problem}", e);
            }
            await StageAsync(run.Id, "writing", cancellationToken).ConfigureAwait(false);
            await WriteAsync(run, comparison, zone, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await using var failed = dataSource.CreateCommand("UPDATE comparison_run SET status = 'failed', error = $2, finished_at = now() WHERE id = $1");
            failed.Parameters.AddWithValue(run.Id);
            failed.Parameters.AddWithValue(e.Message);
            await failed.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return (await GetAsync(run.Id, CancellationToken.None).ConfigureAwait(false))!;
    }

    private async Task<(GaussKrugerZone Zone, JsonObject Versions)> InputsAsync(ComparisonRun run, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT year, id, srid FROM layer_version WHERE layer = 'DLTB' AND status = 'current' AND county_code = $1 AND year IN ($2, $3) ORDER BY year
            """);
        command.Parameters.AddWithValue(run.CountyCode);
        command.Parameters.AddWithValue(run.BeforeYear);
        command.Parameters.AddWithValue(run.AfterYear);
        var versions = new JsonObject();
        GaussKrugerZone? zone = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions[reader.GetInt32(0).ToString(System.Globalization.CultureInfo.InvariantCulture)] = reader.GetInt64(1);
            if (zone is null && CgcsCrs.TryGetZone(reader.GetInt32(2), out var z))
            {
                zone = z;
            }
        }
        if (versions.Count != 2)
        {
            throw new InvalidOperationException($"county {run.CountyCode} no longer has DLTB stored for both {run.BeforeYear} and {run.AfterYear}");
        }
        return (zone ?? throw new InvalidOperationException($"DLTB of county {run.CountyCode} is not stored in a Gauss–Krüger zone"), versions);
    }

    /// <summary>Every DLTB parcel of the county and year in <paramref name="zone"/> (another zone's rows transformed by PostGIS).</summary>
    private List<ComparisonParcel> ReadParcels(string countyCode, int year, GaussKrugerZone zone)
    {
        var wkb = new WKBReader(NtsGeometryServices.Instance) { HandleSRID = false, IsStrict = false };
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("""
            SELECT fid, dlbm, zldwdm, ST_AsBinary(CASE WHEN ST_SRID(geom) = $3 THEN geom ELSE ST_Transform(geom_4490, $3) END)
            FROM dltb WHERE county_code = $1 AND year = $2 ORDER BY fid
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(countyCode);
        command.Parameters.AddWithValue(year);
        command.Parameters.AddWithValue(zone.Epsg);
        var parcels = new List<ComparisonParcel>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            parcels.Add(new ComparisonParcel(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), wkb.Read(reader.GetFieldValue<byte[]>(3))));
        }
        return parcels;
    }

    private async Task WriteAsync(ComparisonRun run, LandUseComparison comparison, GaussKrugerZone zone, CancellationToken cancellationToken)
    {
        var matrix = comparison.Matrix();
        var wkb = new WKBWriter();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in new[] { "land_transfer", "cultivated_change" })
        {
            await connection.ExecuteAsync($"DELETE FROM {table} WHERE county_code = $1 AND before_year = $2 AND after_year = $3",
                cancellationToken, run.CountyCode, run.BeforeYear, run.AfterYear).ConfigureAwait(false);
        }
        await connection.ExecuteAsync("""
            CREATE TEMP TABLE change_stage (piece int, village_code text, change text, from_dlbm text, to_dlbm text, area_m2 numeric,
                before_fid bigint, after_fid bigint, wkb bytea) ON COMMIT DROP
            """, cancellationToken).ConfigureAwait(false);

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY land_transfer (county_code, before_year, after_year, village_code, from_dlbm, to_dlbm, area_m2, run_id) FROM STDIN (FORMAT BINARY)
            """, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in matrix)
            {
                await copy.WriteRowAsync(cancellationToken, run.CountyCode, run.BeforeYear, run.AfterYear, row.Village, row.FromClass, row.ToClass,
                    (decimal)EllipsoidalArea.Round(row.Area), run.Id).ConfigureAwait(false);
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        var pieces = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY change_stage (piece, village_code, change, from_dlbm, to_dlbm, area_m2, before_fid, after_fid, wkb) FROM STDIN (FORMAT BINARY)
            """, cancellationToken).ConfigureAwait(false))
        {
            foreach (var piece in comparison.Pieces)
            {
                if (piece.CultivatedChange is not { } change || piece.Geometry is not { } geometry)
                {
                    continue;
                }
                await copy.WriteRowAsync(cancellationToken, ++pieces, TransferMatrix.VillageOf(piece.LocationCode), change, piece.FromClass, piece.ToClass,
                    (decimal)EllipsoidalArea.Round(piece.Area), piece.BeforeId, piece.AfterId, wkb.Write(GeometryReprojector.ToGeographic(geometry, zone)))
                    .ConfigureAwait(false);
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await connection.ExecuteAsync("""
            INSERT INTO cultivated_change (county_code, before_year, after_year, piece, village_code, change, from_dlbm, to_dlbm, area_m2,
                before_fid, after_fid, run_id, geom_4490)
            SELECT $1, $2, $3, piece, village_code, change, from_dlbm, to_dlbm, area_m2, before_fid, after_fid, $4,
                   ST_Multi(ST_CollectionExtract(ST_GeomFromWKB(wkb, 4490), 3))
            FROM change_stage
            """, cancellationToken, run.CountyCode, run.BeforeYear, run.AfterYear, run.Id).ConfigureAwait(false);
        await connection.ExecuteAsync("""
            UPDATE comparison_run SET status = 'done', stage = NULL, finished_at = now(), heartbeat_at = now(),
                   before_area = $2, after_area = $3, common_area = $4, sliver_count = $5, matrix_rows = $6, change_pieces = $7
            WHERE id = $1
            """, cancellationToken, run.Id,
            (decimal)EllipsoidalArea.Round(comparison.BeforeArea), (decimal)EllipsoidalArea.Round(comparison.AfterArea),
            (decimal)EllipsoidalArea.Round(comparison.CommonArea), comparison.SliverCount, matrix.Count, pieces).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StageAsync(long id, string stage, CancellationToken cancellationToken, params (string Column, string Value)[] also)
    {
        var sets = string.Concat(also.Select((a, i) => $", {a.Column} = ${i + 3}{(a.Column == "input_versions" ? "::jsonb" : "")}"));
        await using var command = dataSource.CreateCommand($"UPDATE comparison_run SET stage = $2, heartbeat_at = now(){sets} WHERE id = $1");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(stage);
        foreach (var (_, value) in also)
        {
            command.Parameters.AddWithValue(value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }


}

/// <summary>A survey-year comparison of one county (a row of <c>comparison_run</c>); areas in m².</summary>
public sealed record ComparisonRun(
    long Id, string CountyCode, int BeforeYear, int AfterYear, string Status, string RequestedBy, DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Stage, string? EngineVersion, JsonObject? InputVersions,
    decimal? BeforeArea, decimal? AfterArea, decimal? CommonArea, int? SliverCount, int? MatrixRows, int? ChangePieces, string? Error);
