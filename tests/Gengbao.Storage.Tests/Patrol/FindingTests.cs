using Gengbao.Storage.Security;
using Gengbao.Storage.Patrol;
using Gengbao.TestSupport;
using NetTopologySuite.Geometries;

namespace Gengbao.Storage.Tests.Patrol;

[Collection(PatrolCollection.Name)]
public sealed class FindingTests(PatrolDatabase db)
{
    private readonly ManualTime _time = new(DateTimeOffset.Parse("2026-06-10T12:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));

    private FindingStore Findings => new(new OwnerConnections(db.DataSource), new TrackStore(new OwnerConnections(db.DataSource), _time), _time);

    [Fact]
    public async Task A_finding_gets_the_cell_and_the_spatial_code_of_the_parcel_under_it()
    {
        var parcel = (await db.ListAsync("""
            SELECT spatial_code, dlbm, left(zldwdm, 15), ST_PointOnSurface(geom_4490) FROM dltb WHERE dlbm = '0103' ORDER BY fid LIMIT 1
            """, r => (Code: r.GetString(0), Dlbm: r.GetString(1), Group: r.GetString(2), Point: r.GetFieldValue<Point>(3)))).Single();
        var finding = await Findings.CreateAsync("撂荒", parcel.Point, "两年未耕种", null, "13900000001");
        Assert.Equal(parcel.Code, finding.SpatialCode);
        Assert.Equal(parcel.Dlbm, finding.Dlbm);
        Assert.Equal("abandonment", finding.Category);
        Assert.Equal("622921", finding.CountyCode);
        // The finest admin unit containing the point: a group cell, the one DLTB's ZLDWDM names.
        Assert.Equal(parcel.Group, finding.CellCode);
    }

    [Fact]
    public async Task A_photo_without_EXIF_is_kept_and_flagged()
    {
        var point = (await db.ListAsync("SELECT ST_PointOnSurface(geom_4490) FROM dltb ORDER BY fid OFFSET 5 LIMIT 1", r => r.GetFieldValue<Point>(0))).Single();
        var finding = await Findings.CreateAsync("construction", point, null, null, null);
        var photo = await Findings.AddPhotoAsync(finding.Id, "a.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        Assert.True(photo.Stored);
        Assert.Equal(["no_exif_position", "no_exif_time"], photo.Flags);
        Assert.False((await Findings.AddPhotoAsync(finding.Id, "a.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])).Stored);
        Assert.Equal(1, (await Findings.GetAsync(finding.Id)).Photos);
    }

    [Fact]
    public async Task Bad_findings_are_refused_with_every_problem()
    {
        var count = await db.CountAsync("SELECT count(*) FROM patrol_finding");
        var e = await Assert.ThrowsAsync<PatrolException>(() => Findings.CreateAsync("ufo", new Point(2.35, 48.85), null, null, null));
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains("category 'ufo'", e.Problems[0], StringComparison.Ordinal);
        Assert.Contains("outside China", e.Problems[1], StringComparison.Ordinal);
        Assert.Equal(count, await db.CountAsync("SELECT count(*) FROM patrol_finding"));
    }

    [Fact]
    public async Task A_photo_is_checked_against_its_EXIF_position_and_time()
    {
        var point = (await db.ListAsync("SELECT ST_PointOnSurface(geom_4490) FROM dltb ORDER BY fid OFFSET 9 LIMIT 1", r => r.GetFieldValue<Point>(0))).Single();
        var finding = await Findings.CreateAsync("to_pond", point, null, null, null);
        var here = await Findings.AddPhotoAsync(finding.Id, "here.jpg", "image/jpeg", ExifJpeg.Create(point.X, point.Y, new DateTime(2026, 6, 10, 10, 30, 0)));
        Assert.Empty(here.Flags);
        Assert.Equal(point.X, here.ExifLon!.Value, 5);
        Assert.Equal(point.Y, here.ExifLat!.Value, 5);
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 10, 30, 0, TimeSpan.FromHours(8)), here.ExifTime);
        // 0.01 degree of latitude is about 1.1 km away: kept, flagged.
        var away = await Findings.AddPhotoAsync(finding.Id, "away.jpg", "image/jpeg", ExifJpeg.Create(point.X, point.Y + 0.01, new DateTime(2026, 6, 10, 10, 30, 0)));
        Assert.True(away.Stored);
        Assert.Equal(["far_from_finding"], away.Flags);
    }
}
