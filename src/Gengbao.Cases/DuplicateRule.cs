namespace Gengbao.Cases;

/// <summary>
/// When a new report is the same place as an open case (merged as another source, not a new case): two polygons whose
/// overlap is at least <see cref="MinimumOverlapShare"/> of the smaller one; a point (or a point and a polygon) within
/// <see cref="PointDistanceMetres"/> of the other geometry. The database applies it (ST_Intersection, ST_DWithin on
/// geography); these are the numbers it uses.
/// </summary>
public static class DuplicateRule
{
    public const double MinimumOverlapShare = 0.5;

    public const double PointDistanceMetres = 10;

    /// <summary>The rule for two polygons, given their areas and the area of their intersection (any one unit).</summary>
    public static bool IsSamePlace(double overlapArea, double areaA, double areaB) =>
        Math.Min(areaA, areaB) > 0 && overlapArea / Math.Min(areaA, areaB) >= MinimumOverlapShare;
}
