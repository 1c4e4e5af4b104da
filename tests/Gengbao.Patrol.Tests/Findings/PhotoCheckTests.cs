using Gengbao.Patrol.Findings;
using Gengbao.Patrol.Tests.Tracks;
using NetTopologySuite.Geometries;

namespace Gengbao.Patrol.Tests.Findings;

public class PhotoCheckTests
{
    private static readonly List<Gengbao.Patrol.Tracks.TrackPoint> Track = ZoneSquare.Walk(100, 2, (0, 500), (1000, 500));
    private static readonly Point Finding = Point(500, 550);

    private static Point Point(double x, double y)
    {
        var (lon, lat) = ZoneSquare.LonLat(x, y);
        return new Point(lon, lat) { SRID = 4490 };
    }

    private static PhotoEvidence Photo(double x, double y, DateTimeOffset at)
    {
        var (lon, lat) = ZoneSquare.LonLat(x, y);
        return new PhotoEvidence(lon, lat, at);
    }

    [Fact]
    public void A_photo_taken_at_the_finding_during_the_patrol_raises_nothing() =>
        Assert.Empty(PhotoCheck.Check(Photo(510, 540, ZoneSquare.Start.AddMinutes(3)), Finding, Track));

    [Fact]
    public void A_photo_taken_elsewhere_is_flagged_not_rejected() =>
        Assert.Equal(["far_from_finding", "far_from_track"], PhotoCheck.Check(Photo(500, 800, ZoneSquare.Start), Finding, Track));

    [Fact]
    public void A_photo_taken_hours_later_is_flagged() =>
        Assert.Equal(["outside_track_time"], PhotoCheck.Check(Photo(500, 550, ZoneSquare.Start.AddHours(3)), Finding, Track));

    [Fact]
    public void A_photo_without_EXIF_is_flagged() =>
        Assert.Equal(["no_exif_position", "no_exif_time"], PhotoCheck.Check(new PhotoEvidence(null, null, null), Finding, Track));

    [Fact]
    public void Categories_parse_from_names_and_Chinese_labels()
    {
        Assert.True(FindingCategories.TryParse("撂荒", out var a));
        Assert.Equal(FindingCategory.Abandonment, a);
        Assert.True(FindingCategories.TryParse("to_pond", out var p));
        Assert.Equal(FindingCategory.ToPond, p);
        Assert.False(FindingCategories.TryParse("unknown", out _));
    }
}
