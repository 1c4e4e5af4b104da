namespace Gengbao.Patrol.Tracks;

/// <summary>
/// A fix in replay order with what was measured since the previous one: planar distance in the Gauss–Krüger zone
/// (metres), elapsed seconds, speed (m/s, null for the first fix or when no time passed), and the flags.
/// </summary>
public sealed record TrackFix(TrackPoint Point, double DistanceM, double Seconds, double? SpeedMps, bool IsJump, bool PoorAccuracy, bool OutsideCell);
