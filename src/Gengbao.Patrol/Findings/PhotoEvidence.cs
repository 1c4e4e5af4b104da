namespace Gengbao.Patrol.Findings;

/// <summary>What a photo's EXIF says: where (degrees, null when the camera wrote no GPS) and when it was taken.</summary>
public sealed record PhotoEvidence(double? Lon, double? Lat, DateTimeOffset? TakenAt);
