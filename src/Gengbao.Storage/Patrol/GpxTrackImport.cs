using System.Security.Cryptography;
using Gengbao.Patrol.Tracks;

namespace Gengbao.Storage.Patrol;

/// <summary>
/// Stores a GPX file's points as track batches whose ids derive from the file's SHA-256 (and the chunk's start), so
/// importing the same file again, or retrying after an interruption, adds nothing twice. Used by the API and the CLI.
/// </summary>
public static class GpxTrackImport
{
    public static async Task<IReadOnlyList<BatchResult>> ImportAsync(TrackStore tracks, long taskId, byte[] content,
        IReadOnlyList<TrackPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new PatrolException(PatrolError.Invalid, "the GPX file has no track points (trk/trkseg/trkpt)");
        }
        var hash = SHA256.HashData(content);
        var results = new List<BatchResult>();
        for (var start = 0; start < points.Count; start += TrackStore.MaxPointsPerBatch)
        {
            var chunk = points.Skip(start).Take(TrackStore.MaxPointsPerBatch).ToList();
            var id = SHA256.HashData([.. hash, .. BitConverter.GetBytes(start)])[..16];
            results.Add(await tracks.IngestAsync(taskId, new Guid(id), chunk, "gpx", cancellationToken).ConfigureAwait(false));
        }
        return results;
    }
}
