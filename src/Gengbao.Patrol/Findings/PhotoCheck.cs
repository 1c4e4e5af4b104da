using Gengbao.Geo.Crs;
using Gengbao.Patrol.Tracks;
using NetTopologySuite.Geometries;

namespace Gengbao.Patrol.Findings;

/// <summary>
/// Checks a finding's photo against the patrol: a photo taken far from the finding or from the track, or outside the
/// track's time span, may have been taken elsewhere or earlier. Mismatches are flagged for the reviewer, never
/// rejected: phones strip EXIF, and a manager may photograph a parcel from a road beside it.
/// </summary>
public static class PhotoCheck
{
    /// <summary>How far (metres) a photo may be from the finding or the nearest fix before it is flagged.</summary>
    public const double MaxDistanceM = 100;

    /// <summary>How long before the first or after the last fix a photo may be taken.</summary>
    public static readonly TimeSpan TimeSlack = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Flags: <c>no_exif_position</c>, <c>no_exif_time</c>, <c>far_from_finding</c>, <c>far_from_track</c>,
    /// <c>outside_track_time</c>. <paramref name="finding"/> is a longitude/latitude point or polygon;
    /// <paramref name="track"/> may be empty (no track checks then).
    /// </summary>
    public static IReadOnlyList<string> Check(PhotoEvidence photo, Geometry finding, IReadOnlyList<TrackPoint> track)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(track);
        var flags = new List<string>();
        if (photo.Lon is not { } lon || photo.Lat is not { } lat)
        {
            flags.Add("no_exif_position");
        }
        else
        {
            var zone = CgcsCrs.ThreeDegreeZoneFor(finding.EnvelopeInternal.Centre.X, withPrefix: true);
            var projection = TransverseMercator.For(zone);
            var (x, y) = projection.Forward(lon, lat);
            var at = new Point(x, y);
            if (GeometryReprojector.ToZone(finding, zone).Distance(at) > MaxDistanceM)
            {
                flags.Add("far_from_finding");
            }
            if (track.Count > 0 && track.Min(p => Distance(projection, p, x, y)) > MaxDistanceM)
            {
                flags.Add("far_from_track");
            }
        }
        if (photo.TakenAt is not { } taken)
        {
            flags.Add("no_exif_time");
        }
        else if (track.Count > 0 && (taken < track.Min(p => p.Time) - TimeSlack || taken > track.Max(p => p.Time) + TimeSlack))
        {
            flags.Add("outside_track_time");
        }
        return flags;
    }

    private static double Distance(TransverseMercator projection, TrackPoint p, double x, double y)
    {
        var (px, py) = projection.Forward(p.Lon, p.Lat);
        return Math.Sqrt(((px - x) * (px - x)) + ((py - y) * (py - y)));
    }
}
