namespace Gengbao.Patrol.Tracks;

/// <summary>
/// The plausibility and coverage of one task's track. Lengths in metres, areas in m² (official ellipsoidal, via
/// <c>EllipsoidalArea</c>), <see cref="Coverage"/> in 0..1 (0 when the cell has no cultivated land).
/// </summary>
public sealed record TrackReport(
    int PointCount,
    double LengthM,
    TimeSpan Duration,
    int JumpCount,
    int PoorAccuracyCount,
    int OutsideCount,
    double OutsideShare,
    double CellAreaM2,
    double MinimumLengthM,
    bool TooShortForCell,
    double CultivatedAreaM2,
    double CoveredAreaM2,
    double Coverage)
{
    /// <summary>Short codes of every flag raised, for lists and the API (jump, poor_accuracy, outside_cell, too_short).</summary>
    public IReadOnlyList<string> Flags
    {
        get
        {
            var flags = new List<string>();
            if (JumpCount > 0)
            {
                flags.Add("jump");
            }
            if (PoorAccuracyCount > 0)
            {
                flags.Add("poor_accuracy");
            }
            if (OutsideCount > 0)
            {
                flags.Add("outside_cell");
            }
            if (TooShortForCell)
            {
                flags.Add("too_short");
            }
            return flags;
        }
    }
}
