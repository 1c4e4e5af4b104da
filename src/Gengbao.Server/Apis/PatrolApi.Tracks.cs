using Gengbao.Import.Gpx;
using Gengbao.Patrol.Tracks;
using Gengbao.Server.Patrol;
using Gengbao.Storage.Patrol;

namespace Gengbao.Server.Apis;

/// <summary>Track upload, replay and GPX.</summary>
public static partial class PatrolApi
{
    /// <summary>A batch of fixes with the client's batch id (a UUID made once per batch and reused on retry).</summary>
    public sealed record TrackBatchRequest(Guid BatchId, IReadOnlyList<TrackPoint>? Points);

    /// <summary>A replayed fix: the stored point plus distance (m), seconds and speed (m/s) since the previous fix and its flags.</summary>
    public sealed record ReplayFix(double Lon, double Lat, double? Accuracy, double? Altitude, DateTimeOffset Time,
        double DistanceM, double Seconds, double? SpeedMps, bool Jump, bool PoorAccuracy, bool OutsideCell);

    private static void MapTracks(RouteGroupBuilder api)
    {
        api.MapPost("/tracks/{taskId:long}/batches", (long taskId, TrackBatchRequest batch, PatrolStores stores, CancellationToken ct) =>
                stores.Tracks.IngestAsync(taskId, batch.BatchId, batch.Points ?? [], "app", ct))
            .WithName("UploadTrackBatch")
            .WithSummary("Upload a batch of fixes {batchId, points:[{lon,lat,accuracy,altitude,time}]}: all or nothing; a retry with the same batchId stores nothing twice (stored=false), the same batchId with other points is 409");
        api.MapGet("/tracks/{taskId:long}", async (long taskId, PatrolStores stores, CancellationToken ct) =>
                (await stores.Reports.RunAsync(taskId, null, ct)).Fixes.Select(f => new ReplayFix(f.Point.Lon, f.Point.Lat, f.Point.Accuracy,
                    f.Point.Altitude, f.Point.Time, f.DistanceM, f.Seconds, f.SpeedMps, f.IsJump, f.PoorAccuracy, f.OutsideCell)))
            .WithName("ReplayTrack").WithSummary("Replay: every stored fix of the task in time order with distance, time and speed since the previous fix");
        api.MapGet("/tracks/{taskId:long}/line", async (long taskId, PatrolStores stores, CancellationToken ct) =>
                Results.Text(GeoJson.ToNode((await stores.Reports.RunAsync(taskId, null, ct)).Simplified)!.ToJsonString(), "application/geo+json"))
            .WithName("GetTrackLine").WithSummary("The track simplified for display (Douglas-Peucker, 5 m in the Gauss-Kruger zone) as a GeoJSON LineString");
        api.MapPost("/tracks/{taskId:long}/gpx", async (long taskId, HttpRequest request, PatrolStores stores, CancellationToken ct) =>
            {
                var content = await ReadBodyAsync(request, 50 * 1024 * 1024, ct);
                var points = GpxReader.Read(new MemoryStream(content, writable: false), "upload.gpx");
                return Results.Ok(await GpxTrackImport.ImportAsync(stores.Tracks, taskId, content, points, ct));
            })
            .WithName("ImportTrackGpx").WithSummary("Import a GPX file's track points into a task (the same file twice stores nothing twice)");
        api.MapGet("/tracks/{taskId:long}/gpx", async (long taskId, PatrolStores stores, CancellationToken ct) =>
                Results.File(GpxWriter.ToBytes($"task {taskId}", await stores.Tracks.ReadAsync(taskId, ct)), "application/gpx+xml", $"task-{taskId}.gpx"))
            .WithName("ExportTrackGpx").WithSummary("The task's track as GPX 1.1");
    }
}
