using Gengbao.Patrol.Tracks;
using NetTopologySuite.Geometries;

namespace Gengbao.Patrol.Tests.Tracks;

public class TrackAnalyzerTests
{
    // Two passes along y = 250 and y = 750 joined at x = 1000: 2500 m of walking.
    private static readonly List<TrackPoint> Lawnmower = ZoneSquare.Walk(100, 2, (0, 250), (1000, 250), (1000, 750), (0, 750));

    [Fact]
    public void Replay_gives_distance_time_and_speed_between_fixes()
    {
        var fixes = TrackAnalyzer.Replay(Lawnmower, ZoneSquare.Cell);
        Assert.Equal(26, fixes.Count);
        Assert.Null(fixes[0].SpeedMps);
        Assert.All(fixes.Skip(1), f =>
        {
            Assert.Equal(100, f.DistanceM, 3);
            Assert.Equal(50, f.Seconds, 6);
            Assert.Equal(2, f.SpeedMps!.Value, 3);
            Assert.False(f.IsJump);
            Assert.False(f.OutsideCell);
        });
    }

    [Fact]
    public void Replay_orders_by_time_whatever_the_upload_order()
    {
        var shuffled = Lawnmower.AsEnumerable().Reverse().ToList();
        Assert.Equal(Lawnmower, TrackAnalyzer.Replay(shuffled, null).Select(f => f.Point));
    }

    [Fact]
    public void Coverage_of_the_whole_cell_is_the_share_within_50_m_of_the_track()
    {
        // Bands 100 m x 1000 m around each pass, plus 50 m x 400 m beside the joining leg: 220,000 of 1,000,000 m².
        var report = TrackAnalyzer.Analyze(Lawnmower, ZoneSquare.Cell, [ZoneSquare.Cell]);
        Assert.Equal(0.22, report.Coverage, 3);
        Assert.Equal(2500, report.LengthM, 1);
        Assert.Equal(TimeSpan.FromSeconds(25 * 50), report.Duration);
        // Official area of the 1 km square: 1e6 m² divided by the zone scale factor squared (80 km from the CM: k ≈ 1.0000788).
        Assert.Equal(999_842, report.CellAreaM2, tolerance: 5);
        Assert.False(report.TooShortForCell);
        Assert.Empty(report.Flags);
    }

    [Fact]
    public void Coverage_counts_only_cultivated_land_in_the_cell()
    {
        // Cultivated land is the western half, plus a parcel outside the cell that must be clipped away.
        var west = ZoneSquare.Rectangle(0, 0, 500, 1000);
        var outside = ZoneSquare.Rectangle(1000, 0, 1500, 1000);
        var report = TrackAnalyzer.Analyze(Lawnmower, ZoneSquare.Cell, [west, outside]);
        Assert.Equal(0.2, report.Coverage, 3);
        // The western half lies nearer the central meridian, so its official area is a hair above half.
        Assert.Equal(report.CellAreaM2 / 2, report.CultivatedAreaM2, tolerance: 1);
    }

    [Fact]
    public void A_fix_that_moves_faster_than_a_person_is_a_jump_and_does_not_count()
    {
        var points = ZoneSquare.Walk(100, 2, (0, 500), (500, 500));
        // 10 s after the last fix the phone reports a spot 2 km away (200 m/s), then comes back.
        var last = points[^1].Time;
        points.Add(ZoneSquare.Fix(2500, 500, last.AddSeconds(10)));
        points.Add(ZoneSquare.Fix(500, 500, last.AddSeconds(20)));
        var fixes = TrackAnalyzer.Replay(points, ZoneSquare.Cell);
        Assert.Equal([false, false, false, false, false, false, true, true], fixes.Select(f => f.IsJump));
        Assert.Equal(200, fixes[6].SpeedMps!.Value, 1);
        var report = TrackAnalyzer.Analyze(points, ZoneSquare.Cell, [ZoneSquare.Cell]);
        Assert.Equal(2, report.JumpCount);
        Assert.Equal(1, report.OutsideCount);
        Assert.Equal(500, report.LengthM, 1);
        Assert.Contains("jump", report.Flags);
        Assert.Contains("outside_cell", report.Flags);
    }

    [Fact]
    public void A_track_shorter_than_the_cell_side_is_too_short()
    {
        var report = TrackAnalyzer.Analyze(ZoneSquare.Walk(100, 1.5, (0, 500), (600, 500)), ZoneSquare.Cell, [ZoneSquare.Cell]);
        Assert.True(report.TooShortForCell);
        Assert.Equal(Math.Sqrt(report.CellAreaM2), report.MinimumLengthM, 6);
        Assert.Contains("too_short", report.Flags);
    }

    [Fact]
    public void Poor_accuracy_fixes_are_flagged_and_left_out_of_coverage()
    {
        var points = ZoneSquare.Walk(100, 2, (0, 500), (1000, 500)).Select((p, i) => i >= 6 ? p with { Accuracy = 80 } : p).ToList();
        var report = TrackAnalyzer.Analyze(points, ZoneSquare.Cell, [ZoneSquare.Cell]);
        Assert.Equal(5, report.PoorAccuracyCount);
        // Only x = 0..500 counts: a 100 m x 500 m band plus the round cap at x = 500 (half a 50 m disc).
        Assert.Equal((50_000 + (Math.PI * 50 * 50 / 2)) / 1e6, report.Coverage, 3);
    }

    [Fact]
    public void A_cell_without_cultivated_land_has_zero_coverage_and_an_empty_track_is_too_short()
    {
        var report = TrackAnalyzer.Analyze([], ZoneSquare.Cell, []);
        Assert.Equal(0, report.Coverage);
        Assert.Equal(0, report.PointCount);
        Assert.True(report.TooShortForCell);
    }

    [Fact]
    public void Simplify_keeps_the_corners_of_a_walk()
    {
        var line = TrackAnalyzer.Simplify(Lawnmower);
        Assert.Equal(4, line.NumPoints);
        Assert.Equal(4490, line.SRID);
        var (lon, lat) = ZoneSquare.LonLat(1000, 750);
        Assert.Equal(new Coordinate(lon, lat), line.GetCoordinateN(2));
    }
}
