using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Tests.Area;

/// <summary>
/// Our areas against GeographicLib's Planimeter run as a real process (geodesic edges on CGCS2000). The geodesic
/// area must agree to round-off; the official trapezoid area must differ by the edge-lens amount of docs/area.md.
/// </summary>
public class AreaVersusPlanimeterTest
{
    private static readonly GaussKrugerZone Zone34 = CgcsCrs.GetZone(4522);
    private static readonly GaussKrugerZone Zone39 = CgcsCrs.GetZone(4527);

    [Fact]
    public void GeodesicAreaAgreesWithPlanimeter()
    {
        var polygons = new List<Polygon>
        {
            TestParcels.GeographicRounded(GeoTestCase.Read(TestParcels.SampleFid1), Zone34),
            TestParcels.GeographicRounded(GeoTestCase.Read(TestParcels.SampleFid5), Zone34),
            TestParcels.GeographicRounded(TestParcels.Pentagon(Zone39, 150_000, 3_320_000), Zone39),
            TestParcels.LonLat((102, 35), (103, 35), (103, 36), (102, 36)),
            TestParcels.LonLat((101.2, 30.1), (103.9, 30.4), (103.1, 32.8), (100.7, 31.9)),
            TestParcels.LonLat((-1.5, 51.2), (0.7, 51.0), (1.1, 52.3), (-0.9, 52.6)),       // crosses Greenwich
            TestParcels.LonLat((150.1, -33.9), (151.3, -34.1), (151.0, -33.2)),           // south-east
            TestParcels.LonLat((-58.6, -34.7), (-58.3, -34.4), (-58.7, -34.5)),           // south-west, clockwise
            TestParcels.LonLat((-180, 80), (-90, 80), (0, 80), (90, 80)),                  // around the pole
        };
        var reference = PlanimeterTool.Areas(polygons.Select(p => p.Shell.Coordinates).ToList());
        for (var i = 0; i < polygons.Count; i++)
        {
            var expected = Math.Abs(reference[i]);
            // Planimeter prints areas to 1e-5 m²; relative agreement is 1e-9 or better.
            GeoTestCase.CheckEqual(expected, GeodesicArea.OfGeographic(polygons[i]), Math.Max(2e-5, 1e-9 * expected), $"polygon {i}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50_000)]
    [InlineData(150_000)]
    public void OfficialAreaOfSixHectarePentagonIsWithinTwoPpmOfGeodesic(double offsetFromMeridian)
    {
        // domain.md §5.4: 6.6 ha pentagons in zone 39 near 30°N, at 0, 50 and 150 km from the central meridian; this
        // one comes out at +0.77 ppm (+0.05 m²) wherever it lies in the zone, while its planar area is off by 0,
        // 62 and 555 ppm.
        var pentagon = TestParcels.Pentagon(Zone39, offsetFromMeridian, 3_320_000);
        var geographic = TestParcels.GeographicRounded(pentagon, Zone39);
        var geodesic = Math.Abs(PlanimeterTool.Areas([geographic.Shell.Coordinates])[0]);
        var official = EllipsoidalArea.OfGeographic(geographic);
        GeoTestCase.CheckPpm(geodesic, official, 2.0, "official vs geodesic");
        GeoTestCase.CheckEqual(EdgeLens.Predicted(geographic.Shell.Coordinates), official - geodesic, 0.005, "edge-lens prediction");
        // The zone input gives the same official area as the lon/lat input (unrounded: 1e-9° moves a vertex 0.1 mm).
        GeoTestCase.CheckEqual(EllipsoidalArea.OfGeographic(GeometryReprojector.ToGeographic(pentagon, Zone39)),
            EllipsoidalArea.OfGaussKruger(pentagon, Zone39), 1e-6);
    }

    [Theory]
    [InlineData(TestParcels.SampleFid1)]
    [InlineData(TestParcels.SampleFid5)]
    public void OfficialAreaOfSampleParcelDiffersFromGeodesicByTheEdgeLenses(string wkt)
    {
        var geographic = TestParcels.GeographicRounded(GeoTestCase.Read(wkt), Zone34);
        var geodesic = Math.Abs(PlanimeterTool.Areas([geographic.Shell.Coordinates])[0]);
        var official = EllipsoidalArea.OfGeographic(geographic);
        var predicted = EdgeLens.Predicted(geographic.Shell.Coordinates);
        GeoTestCase.CheckEqual(predicted, official - geodesic, 0.01 + (0.02 * Math.Abs(predicted)), "official − geodesic");
    }

    [Fact]
    public void OneKilometreEastWestEdgeCostsItsLens()
    {
        // A 1 km × 0.5 km box at 35.6°N whose northern edge is cut into 50 pieces: only the southern edge has a
        // noticeable lens, s³·tan φ/(12R) ≈ 9.3 m², and the geodesic bulges into the box, so the official area is larger.
        const double south = 35.6, north = 35.6045, west = 103.0;
        var east = west + 0.011_05;
        var points = new List<(double, double)> { (west, south), (east, south) };
        for (var i = 0; i <= 50; i++)
        {
            points.Add((east - ((east - west) * i / 50), north));
        }
        var box = TestParcels.LonLat([.. points]);
        var geodesic = Math.Abs(PlanimeterTool.Areas([box.Shell.Coordinates])[0]);
        var official = EllipsoidalArea.OfGeographic(box);
        var predicted = EdgeLens.Predicted(box.Shell.Coordinates);
        Assert.InRange(predicted, 9.0, 9.6);
        GeoTestCase.CheckEqual(predicted, official - geodesic, 0.02 * predicted, "official − geodesic");
    }
}
