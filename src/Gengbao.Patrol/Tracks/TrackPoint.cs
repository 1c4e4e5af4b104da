namespace Gengbao.Patrol.Tracks;

/// <summary>
/// One GPS fix as the app sends it: CGCS2000/WGS 84 longitude and latitude in degrees (the two differ by centimetres,
/// below phone accuracy), horizontal accuracy in metres (radius, null when unknown), altitude in metres, and time.
/// </summary>
public sealed record TrackPoint(double Lon, double Lat, double? Accuracy, double? Altitude, DateTimeOffset Time);
