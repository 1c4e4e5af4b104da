namespace Gengbao.Patrol.Tracks;

/// <summary>
/// Rejects fixes that cannot be real before anything is stored: non-finite numbers, longitude/latitude outside
/// China's extent (73°E–136°E, 3°N–54°N, a box around the mainland, islands and 南海), negative accuracy, times in the
/// future by more than <see cref="ClockSkew"/> or before 2000 (a phone with a reset clock reports 1970; such points
/// would also create absurd partitions).
/// </summary>
public static class PointValidator
{
    /// <summary>Phones' clocks drift; a point up to 5 minutes ahead of the server is accepted.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The earliest accepted time.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Every problem of every point (empty when all are acceptable).</summary>
    public static List<PointProblem> Validate(IReadOnlyList<TrackPoint> points, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(points);
        var problems = new List<PointProblem>();
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (p is null)
            {
                problems.Add(new(i, "point is missing"));
                continue;
            }
            if (!double.IsFinite(p.Lon) || !double.IsFinite(p.Lat) || p.Lon is < -180 or > 180 || p.Lat is < -90 or > 90)
            {
                problems.Add(new(i, $"impossible coordinates lon={p.Lon}, lat={p.Lat}"));
            }
            else if (p.Lon is < 73 or > 136 || p.Lat is < 3 or > 54)
            {
                problems.Add(new(i, $"lon={p.Lon}, lat={p.Lat} is outside China (73..136°E, 3..54°N)"));
            }
            if (p.Accuracy is { } a && (!double.IsFinite(a) || a < 0))
            {
                problems.Add(new(i, $"accuracy {a} must be a number ≥ 0 (metres)"));
            }
            if (p.Altitude is { } h && !double.IsFinite(h))
            {
                problems.Add(new(i, "altitude must be a finite number (metres)"));
            }
            if (p.Time > now + ClockSkew)
            {
                problems.Add(new(i, $"time {p.Time:O} is in the future (server time {now:O})"));
            }
            else if (p.Time < Earliest)
            {
                problems.Add(new(i, $"time {p.Time:O} is before {Earliest:yyyy}; the device clock is wrong"));
            }
        }
        return problems;
    }
}
