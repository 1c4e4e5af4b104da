using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Tests.Area;

public class EllipsoidalAreaTest
{
    private static readonly GaussKrugerZone Zone34 = CgcsCrs.GetZone(4522);

    [Fact]
    public void SampleParcelMatchesNoticeFormulaEvaluatedWithProj()
    {
        // Reference: vertices inverse-projected with `cs2cs -f %.15f EPSG:4522 EPSG:4490`, then the literal per-edge
        // trapezoid of domain.md §5.2 (reference meridian 60°) in Python double precision.
        CheckArea(TestParcels.SampleFid5, 74726.15228635073, 1e-5);
    }

    [Fact]
    public void SameAreaFromZoneOrFromLonLat()
    {
        var zone = GeoTestCase.Read(TestParcels.SampleFid1);
        var geographic = GeometryReprojector.ToGeographic(zone, Zone34);
        GeoTestCase.CheckEqual(EllipsoidalArea.OfGaussKruger(zone, Zone34), EllipsoidalArea.OfGeographic(geographic), 1e-6);
    }

    [Theory]
    [InlineData(TestParcels.SampleFid1)]
    [InlineData(TestParcels.SampleFid5)]
    [InlineData("POLYGON ((34400000 3500000, 34650000 3520000, 34620000 3800000, 34380000 3760000, 34400000 3500000))")]
    public void EqualsTheLiteralPerEdgeFormulaOfTheNotice(string wkt)
    {
        var geographic = (Polygon)GeometryReprojector.ToGeographic(GeoTestCase.Read(wkt), Zone34);
        var literal = NoticeFormula.Area(geographic.Shell.Coordinates);
        GeoTestCase.CheckEqual(literal, EllipsoidalArea.OfGeographic(geographic), Math.Max(1e-6, 1e-12 * literal));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.58)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void TrapezoidSeriesIsTheAuthalicIntegralTruncatedAtE8(double sinB)
    {
        // F(B) = A sin B − B sin 3B + … equals ∫cos B/(1 − e² sin² B)² dB to the e¹⁰ term (~1e-11).
        var series = new TrapezoidSeries(Ellipsoid.Cgcs2000);
        GeoTestCase.CheckEqual(NoticeFormula.AuthalicIntegral(sinB), series.F(sinB), 2e-11, "F");
    }

    [Fact]
    public void OneDegreeGraticuleCellMatchesClosedForm()
    {
        // Exact for meridian/parallel boxes up to the notice's truncation of the series after e⁸: the next term,
        // (6/11)e¹⁰ sin¹¹B, is worth 0.005 m² on this 1e10 m² cell (domain.md §5.4 quotes 0.001 m²).
        var cell = TestParcels.LonLat((102, 35), (103, 35), (103, 36), (102, 36));
        var b = Ellipsoid.Cgcs2000.SemiMinorAxis;
        var expected = b * b * (Math.PI / 180) * (NoticeFormula.AuthalicIntegral(Math.Sin(36 * Math.PI / 180)) - NoticeFormula.AuthalicIntegral(Math.Sin(35 * Math.PI / 180)));
        GeoTestCase.CheckEqual(expected, EllipsoidalArea.OfGeographic(cell), 0.006);
    }

    [Fact]
    public void OrientationDoesNotMatter()
    {
        var polygon = (Polygon)GeoTestCase.Read(TestParcels.SampleFid5);
        var reversed = polygon.Reverse();
        Assert.Equal(EllipsoidalArea.OfGaussKruger(polygon, Zone34), EllipsoidalArea.OfGaussKruger(reversed, Zone34), 9);
    }

    [Fact]
    public void HoleIsSubtracted() => CheckArea(
        "POLYGON ((34600000 3950000, 34600400 3950000, 34600400 3950300, 34600000 3950300, 34600000 3950000), (34600100 3950100, 34600100 3950200, 34600200 3950200, 34600200 3950100, 34600100 3950100))",
        Area("POLYGON ((34600000 3950000, 34600400 3950000, 34600400 3950300, 34600000 3950300, 34600000 3950000))")
            - Area("POLYGON ((34600100 3950100, 34600200 3950100, 34600200 3950200, 34600100 3950200, 34600100 3950100))"),
        1e-6);

    [Fact]
    public void MultiPolygonIsTheSumOfItsParts() => CheckArea(
        $"MULTIPOLYGON ({TestParcels.SampleFid1[7..]}, {TestParcels.SampleFid5[7..]})",
        Area(TestParcels.SampleFid1) + Area(TestParcels.SampleFid5),
        1e-6);

    [Fact]
    public void ParcelsTilingABlockAddUpToTheBlock()
    {
        // Shared edges are traversed both ways and cancel, so the official areas of a tiling add up exactly, provided
        // neighbours share their vertices (no T-junctions): the trapezoid edge between two vertices is not the
        // straight grid line, so an extra vertex on an edge changes the area (by 2.8 m² on this 825 m edge).
        var block = Area("POLYGON ((34600000 3950000, 34600630 3950000, 34601000 3950000, 34601000 3950350, 34601000 3950800, 34600410 3950800, 34600000 3950800, 34600000 3950000))");
        var parts = Area("POLYGON ((34600000 3950000, 34600630 3950000, 34600520 3950400, 34600410 3950800, 34600000 3950800, 34600000 3950000))")
            + Area("POLYGON ((34600630 3950000, 34601000 3950000, 34601000 3950350, 34600520 3950400, 34600630 3950000))")
            + Area("POLYGON ((34600520 3950400, 34601000 3950350, 34601000 3950800, 34600410 3950800, 34600520 3950400))");
        GeoTestCase.CheckEqual(block, parts, 1e-6);
    }

    [Theory]
    [InlineData("POLYGON EMPTY")]
    [InlineData("MULTIPOLYGON EMPTY")]
    [InlineData("GEOMETRYCOLLECTION EMPTY")]
    public void EmptyIsZero(string wkt) => CheckArea(wkt, 0, 0);

    [Theory]
    [InlineData("LINESTRING (34600000 3950000, 34601000 3950000)")]
    [InlineData("POINT (34600000 3950000)")]
    [InlineData("GEOMETRYCOLLECTION (POLYGON ((34600000 3950000, 34600400 3950000, 34600400 3950300, 34600000 3950000)))")]
    public void NonPolygonalThrows(string wkt) =>
        Assert.Throws<ArgumentException>(() => EllipsoidalArea.OfGaussKruger(GeoTestCase.Read(wkt), Zone34));

    [Theory]
    [InlineData(54150.82533554334, 54150.83)]
    [InlineData(0.125, 0.13)]
    [InlineData(-0.125, -0.13)]
    [InlineData(2.675, 2.68)]          // binary 2.67499999…, but 2.675 to 15 digits, as PostgreSQL rounds numeric
    [InlineData(1234.5649999999998, 1234.57)] // 1234.565 to 15 digits: computation noise does not decide the cent
    [InlineData(1234.5649, 1234.56)]
    [InlineData(0.004999, 0.0)]
    public void RoundsHalfAwayFromZeroToHundredths(double value, double expected) =>
        Assert.Equal(expected, EllipsoidalArea.Round(value));

    private static void CheckArea(string wkt, double expected, double tolerance) =>
        GeoTestCase.CheckEqual(expected, Area(wkt), tolerance, "area");

    private static double Area(string wkt) => EllipsoidalArea.OfGaussKruger(GeoTestCase.Read(wkt), Zone34);
}
