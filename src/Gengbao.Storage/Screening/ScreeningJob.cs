using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gengbao.Geo.Area;
using Gengbao.Screening;
using Npgsql;
using NpgsqlTypes;

namespace Gengbao.Storage.Screening;

/// <summary>
/// Executes claimed screening runs: reads the inputs from PostGIS, screens with <see cref="ScreeningPipeline"/> on
/// <c>threads</c> workers, beats the run's heartbeat with its progress, and writes the results and the run's outcome in
/// one transaction. A result is written only if its patch is still the one screened (an import may replace patches
/// while a run is under way; the replacement has a run of its own).
/// </summary>
public sealed class ScreeningJob(NpgsqlDataSource dataSource, ScreeningRules rules, int threads)
{
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(1);

    /// <summary>Engine version stored with every run: the screening assembly's informational version.</summary>
    public static string EngineVersion { get; } = "gengbao-screening " +
        (typeof(ScreeningEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    /// <summary>
    /// The platform's rules: the reference thresholds with official areas, so stored results agree with the one map's
    /// <c>area_m2</c> (the CLI's file screening keeps the reference's geodesic areas).
    /// </summary>
    public static ScreeningRules PlatformRules { get; } = ScreeningRules.Default with { AreaMethod = ScreeningAreaMethod.Official };

    /// <summary>The rules as stored with a run.</summary>
    private JsonObject RulesJson => new()
    {
        ["minimumUncoveredArea"] = rules.MinimumUncoveredArea,
        ["uncoveredShare"] = rules.UncoveredShare,
        ["areaMethod"] = rules.AreaMethod.ToString(),
    };

    /// <summary>
    /// Runs <paramref name="run"/> (already claimed) to the end and returns it as stored afterwards (done or failed).
    /// <paramref name="progress"/> hears (screened, total) about once a second. Cancellation leaves the run to be
    /// claimed again once its heartbeat is stale.
    /// </summary>
    public async Task<ScreeningRun> ExecuteAsync(ScreeningRun run, IProgress<(long Done, long Total)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var inputs = await ScreeningInputs.LoadAsync(dataSource, run.CountyCode, run.Year, run.PatchFids, cancellationToken).ConfigureAwait(false);
            using var source = new PostgisScreeningSource(dataSource, inputs);
            var boxes = source.ReadChangePatchBoxes();
            await UpdateAsync("""
                UPDATE screening_run SET engine_version = $2, rules = $3::jsonb, input_versions = $4::jsonb, progress_total = $5, heartbeat_at = now()
                WHERE id = $1
                """, cancellationToken, run.Id, EngineVersion, RulesJson.ToJsonString(), inputs.ToJson().ToJsonString(), (long)boxes.Count).ConfigureAwait(false);

            long done = 0;
            var engine = new ScreeningEngine(inputs.Zone, rules);
            var options = new ScreeningRunOptions { Threads = threads, Progress = new Counter(n => Interlocked.Exchange(ref done, n)) };
            var screening = Task.Run(() => ScreeningPipeline.Run(new KnownBoxes(source, boxes), engine, options, cancellationToken), cancellationToken);
            while (await Task.WhenAny(screening, Task.Delay(HeartbeatEvery, cancellationToken)).ConfigureAwait(false) != screening)
            {
                var now = Interlocked.Read(ref done);
                progress?.Report((now, boxes.Count));
                await UpdateAsync("UPDATE screening_run SET progress_done = $2, heartbeat_at = now() WHERE id = $1", cancellationToken, run.Id, now)
                    .ConfigureAwait(false);
            }
            var results = await screening.ConfigureAwait(false);
            progress?.Report((results.Count, boxes.Count));
            await WriteAsync(run, results, source.PatchHashes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await UpdateAsync("UPDATE screening_run SET status = 'failed', error = $2, finished_at = now() WHERE id = $1",
                CancellationToken.None, run.Id, e.Message).ConfigureAwait(false);
        }
        return (await new ScreeningQueue(dataSource).GetAsync(run.Id, CancellationToken.None).ConfigureAwait(false))!;
    }

    private async Task WriteAsync(ScreeningRun run, IReadOnlyList<PatchScreening> results, Dictionary<long, string> hashes,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE screening_stage (LIKE screening_result INCLUDING DEFAULTS) ON COMMIT DROP
            """, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY screening_stage (county_code, year, fid, run_id, jcbh, class, tags, patch_mj, gd_mj, yjjbnt_mj, gbznt_mj, pzyd_mj,
                unapproved_gd_mj, unapproved_yjjbnt_mj, approvals, approved_by_type, reason, patch_hash) FROM STDIN (FORMAT BINARY)
            """, cancellationToken).ConfigureAwait(false))
        {
            foreach (var r in results)
            {
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(run.CountyCode, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(run.Year, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(run.Id, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.MonitoringNumber, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Class.ToString().ToLowerInvariant(), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(TagNames(r.Tags), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                foreach (var area in new[] { r.PatchArea, r.CultivatedArea, r.PermanentBasicFarmlandArea, r.HighStandardFarmlandArea,
                    r.ApprovedArea, r.UnapprovedCultivatedArea, r.UnapprovedPermanentBasicFarmlandArea })
                {
                    await copy.WriteAsync((decimal)EllipsoidalArea.Round(area), NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                }
                await copy.WriteAsync(JsonSerializer.Serialize(r.Approvals.Select(a => new
                {
                    number = a.Number, type = a.Type, area = EllipsoidalArea.Round(a.Area), share = Math.Round(a.Share, 6),
                })), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(JsonSerializer.Serialize(r.ApprovedAreaByType.ToDictionary(kv => kv.Key, kv => EllipsoidalArea.Round(kv.Value))),
                    NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Reason, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(hashes[r.Id], NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var upsert = new NpgsqlCommand("""
            WITH written AS (
                INSERT INTO screening_result AS r
                SELECT s.* FROM screening_stage s
                JOIN bhtb b ON b.county_code = s.county_code AND b.year = s.year AND b.fid = s.fid
                 AND screening_patch_hash(b.jcbh, b.qsxdl, b.hsxdl, b.geom_4490) = s.patch_hash
                ON CONFLICT (county_code, year, fid) DO UPDATE SET
                    run_id = excluded.run_id, jcbh = excluded.jcbh, class = excluded.class, tags = excluded.tags,
                    patch_mj = excluded.patch_mj, gd_mj = excluded.gd_mj, yjjbnt_mj = excluded.yjjbnt_mj, gbznt_mj = excluded.gbznt_mj,
                    pzyd_mj = excluded.pzyd_mj, unapproved_gd_mj = excluded.unapproved_gd_mj,
                    unapproved_yjjbnt_mj = excluded.unapproved_yjjbnt_mj, approvals = excluded.approvals,
                    approved_by_type = excluded.approved_by_type, reason = excluded.reason, screened_at = now(),
                    patch_hash = excluded.patch_hash
                RETURNING r.class
            )
            UPDATE screening_run SET status = 'done', finished_at = now(), heartbeat_at = now(), progress_done = $2,
                   green_count = (SELECT count(*) FROM written WHERE class = 'green'),
                   yellow_count = (SELECT count(*) FROM written WHERE class = 'yellow')
            WHERE id = $1
            """, connection) { CommandTimeout = 0 })
        {
            upsert.Parameters.AddWithValue(run.Id);
            upsert.Parameters.AddWithValue((long)results.Count);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string[] TagNames(ScreeningTags tags) =>
    [
        .. tags.HasFlag(ScreeningTags.NonAgricultural) ? ["non_agricultural"] : Array.Empty<string>(),
        .. tags.HasFlag(ScreeningTags.NonGrain) ? ["non_grain"] : Array.Empty<string>(),
    ];

    private async Task UpdateAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports synchronously on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class Counter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>The source with its boxes already read (they were needed first for the total).</summary>
    private sealed class KnownBoxes(PostgisScreeningSource source, IReadOnlyList<(long Id, NetTopologySuite.Geometries.Envelope Box)> boxes) : IScreeningSource
    {
        public IReadOnlyList<(long Id, NetTopologySuite.Geometries.Envelope Box)> ReadChangePatchBoxes() => boxes;

        public IReadOnlyList<ChangePatch> ReadChangePatches(IReadOnlyCollection<long> ids) => source.ReadChangePatches(ids);

        public ScreeningLayers ReadReferenceLayers(IReadOnlyList<NetTopologySuite.Geometries.Envelope> boxes) => source.ReadReferenceLayers(boxes);
    }
}
