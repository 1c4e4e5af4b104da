namespace Gengbao.Geo.Grid;

/// <summary>
/// One cell of the Beidou 2D grid (GB/T 39409-2020): its level and its bounds in degrees (CGCS2000 longitude and
/// latitude; west and south are negative in the western and southern hemispheres). A point on the edge nearer the
/// equator or the prime meridian belongs to the cell; the far edges belong to the neighbours.
/// </summary>
/// <param name="Level">1–10.</param>
/// <param name="West">Western bound, degrees.</param>
/// <param name="South">Southern bound, degrees.</param>
/// <param name="East">Eastern bound, degrees.</param>
/// <param name="North">Northern bound, degrees.</param>
public readonly record struct BeidouCell(int Level, double West, double South, double East, double North)
{
    /// <summary>The cell centre, degrees.</summary>
    public (double Lon, double Lat) Centre => ((West + East) / 2, (South + North) / 2);
}
