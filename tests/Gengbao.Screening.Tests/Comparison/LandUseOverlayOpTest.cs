using Gengbao.Geo.Crs;
using Gengbao.Screening.Comparison;
using NetTopologySuite.IO;

namespace Gengbao.Screening.Tests.Comparison;

/// <summary>
/// The overlay on hand-made parcels in zone 34 (EPSG:4522): pieces as (before id, after id, from, to, plane area of the
/// piece) for identical, nested, split and uncovered parcels.
/// </summary>
public sealed class LandUseOverlayOpTest
{
    private const string Village = "6229212012010000000";

    [Fact]
    public void IdenticalParcelIsItsOwnPiece() => Check(
        ["1 0103 POLYGON((34600000 3930000,34600100 3930000,34600100 3930100,34600000 3930100,34600000 3930000))"],
        ["7 0201 POLYGON((34600000 3930000,34600100 3930000,34600100 3930100,34600000 3930100,34600000 3930000))"],
        "1 7 0103 0201 10000");

    [Fact]
    public void ParcelInsideALargerOneIsItsOwnPiece() => Check(
        ["1 0101 POLYGON((34600000 3930000,34600100 3930000,34600100 3930100,34600000 3930100,34600000 3930000))"],
        ["2 0101 POLYGON((34600000 3930000,34600200 3930000,34600200 3930200,34600000 3930200,34600000 3930000))"],
        "1 2 0101 0101 10000");

    [Fact]
    public void SplitParcelGivesOnePiecePerAfterParcel() => Check(
        ["1 0103 POLYGON((34600000 3930000,34600100 3930000,34600100 3930100,34600000 3930100,34600000 3930000))"],
        [
            "5 0702 POLYGON((34600070 3930000,34600200 3930000,34600200 3930100,34600070 3930100,34600070 3930000))",
            "4 0103 POLYGON((34599900 3930000,34600070 3930000,34600070 3930100,34599900 3930100,34599900 3930000))",
        ],
        "1 5 0103 0702 3000", "1 4 0103 0103 7000"); // after parcels in input order

    [Fact]
    public void UncoveredPartsAreReportedNotMatched()
    {
        var result = Run(
            ["1 0101 POLYGON((34600000 3930000,34600100 3930000,34600100 3930100,34600000 3930100,34600000 3930000))"],
            ["2 0101 POLYGON((34600050 3930000,34600150 3930000,34600150 3930100,34600050 3930100,34600050 3930000))"]);

        // The halves differ by the change of scale across 50 m of easting, well under a square centimetre.
        Assert.Equal(result.BeforeArea / 2, result.CommonArea, 0.01);
        Assert.Equal(result.BeforeArea / 2, result.BeforeOnlyArea, 0.01);
        Assert.Equal(result.AfterArea / 2, result.AfterOnlyArea, 0.01);
    }

    [Fact]
    public void TouchingNeighbourGivesNoPiece() => Check(
        ["1 0101 POLYGON((34600000 3930000,34600100 3930000,34600100 3930100,34600000 3930100,34600000 3930000))"],
        ["2 0201 POLYGON((34600100 3930000,34600200 3930000,34600200 3930100,34600100 3930100,34600100 3930000))"]);

    private static void Check(string[] before, string[] after, params string[] expected)
    {
        var result = Run(before, after);
        var actual = result.Pieces.Select(p => $"{p.BeforeId} {p.AfterId} {p.FromClass} {p.ToClass} {Hundreds(p.Geometry?.Area ?? p.Area):F0}");
        Assert.Equal(expected, actual);
        Assert.All(result.Pieces, p => Assert.Equal(p.CultivatedChange is not null, p.Geometry is not null));
    }

    /// <summary>Pieces without a change of cultivation carry no geometry, so areas (plane or geodesic, within 0.03 % here) are compared to 100 m².</summary>
    private static double Hundreds(double area) => Math.Round(area / 100) * 100;

    private static LandUseComparison Run(string[] before, string[] after) =>
        LandUseOverlayOp.Run(Parcels(before), Parcels(after), CgcsCrs.GetZone(4522), threads: 2);

    private static List<ComparisonParcel> Parcels(string[] rows) => rows.Select(r =>
    {
        var parts = r.Split(' ', 3);
        return new ComparisonParcel(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], Village, new WKTReader().Read(parts[2]));
    }).ToList();
}
