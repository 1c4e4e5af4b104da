namespace Gengbao.Patrol.Tracks;

/// <summary>Thresholds of the plausibility checks and coverage (docs/patrol.md explains each).</summary>
public sealed record TrackOptions
{
    /// <summary>
    /// 10 m/s = 36 km/h. A person walking does 1.5 m/s, cycling or an e-bike on field roads up to about 7 m/s; above
    /// 10 m/s between two fixes the phone either jumped (multipath, cell-tower fix) or the patrol was done by car.
    /// </summary>
    public double MaxSpeedMps { get; init; } = 10;

    /// <summary>A fix whose reported accuracy radius exceeds this (metres) is flagged and left out of coverage.</summary>
    public double PoorAccuracyM { get; init; } = 50;

    /// <summary>A fix farther than this (metres) outside the cell counts as outside.</summary>
    public double OutsideToleranceM { get; init; } = 30;

    /// <summary>Cultivated land within this distance (metres) of the track counts as seen (the default, 50 m).</summary>
    public double CoverageDistanceM { get; init; } = 50;

    /// <summary>
    /// A track shorter than this many times √(cell area) is too short for the cell: for a square cell, 1.0 is one
    /// side's length, the least a walk that looks over the whole cell could be.
    /// </summary>
    public double MinLengthPerCellSide { get; init; } = 1.0;

    /// <summary>Douglas–Peucker tolerance (metres, in the zone) for the display line.</summary>
    public double SimplifyToleranceM { get; init; } = 5;
}
