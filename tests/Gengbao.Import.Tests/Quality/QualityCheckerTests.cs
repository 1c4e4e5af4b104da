using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using Gengbao.Import.GeoPackage;
using Gengbao.Import.Model;
using Gengbao.Import.Quality;
using NetTopologySuite.IO;

namespace Gengbao.Import.Tests.Quality;

/// <summary>
/// Each check of <see cref="QualityChecker"/> with a case it must report and one it must pass, on polygons written to a
/// real GeoPackage (EPSG:4522, CGCS2000 Gauss–Krüger zone 34, near 103.1°E 35.2°N) and read back as the importer reads it.
/// Coordinates are offsets in metres from (34600000, 3900000).
/// </summary>
public sealed class QualityCheckerTests : IDisposable
{
    private const int Epsg = 4522;
    private const string Village = "622921100201";
    private static readonly GaussKrugerZone Zone = CgcsCrs.GetZone(Epsg);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gengbao-qc-");
    private int _files;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    /// <summary>A feature: WKT in local metres, DLBM, ZLDWDM, TBMJ (null: the polygon's ellipsoidal area to 0.01 m²), BSM.</summary>
    private sealed record Row(string Wkt, string Dlbm = "0101", string Zldwdm = Village + "0000000", double? Tbmj = null, string? Bsm = "1");

    private static string Square(double x, double y, double size) =>
        FormattableString.Invariant($"POLYGON(({x} {y}, {x + size} {y}, {x + size} {y + size}, {x} {y + size}, {x} {y}))");

    /// <summary>Writes the rows as layer <paramref name="layer"/>, reads it back and returns the problems of <paramref name="checkName"/>.</summary>
    private List<QualityProblem> Check(string layer, string checkName, IReadOnlyList<Row> rows, ISet<string>? knownUnits = null)
    {
        var path = Path.Combine(_folder.FullName, $"qc-{++_files}.gpkg");
        var reader = new WKTReader();
        using (var writer = GeoPackageWriter.Create(path))
        {
            writer.BeginLayer(layer, Epsg, [new("BSM", FieldType.Text), new("DLBM", FieldType.Text), new("ZLDWDM", FieldType.Text), new("TBMJ", FieldType.Real)]);
            foreach (var (row, i) in rows.Select((r, i) => (r, i)))
            {
                var local = reader.Read(row.Wkt);
                var g = local.Copy();
                g.Apply(new NetTopologySuite.Geometries.Utilities.AffineTransformation().Translate(34_600_000, 3_900_000));
                var tbmj = row.Tbmj ?? Math.Round(g.IsValid ? EllipsoidalArea.OfGaussKruger(g, Zone) : 0, 2);
                writer.Write(g, [row.Bsm is null ? null : row.Bsm + i, row.Dlbm, row.Zldwdm, tbmj]);
            }
            writer.EndLayer();
        }
        var sources = GeoPackageReader.Open(path);
        try
        {
            var source = sources.Single();
            return QualityChecker.Check(source, QualityOptions.For(layer), ["BSM", "DLBM", "ZLDWDM", "TBMJ"], knownUnits)
                .Where(p => p.Check == checkName).ToList();
        }
        finally
        {
            foreach (var s in sources)
            {
                s.Dispose();
            }
        }
    }

    [Fact]
    public void TwoPatchesOverlappingBy100SquareMetresAreReportedWithAPointInTheOverlap()
    {
        var problem = Assert.Single(Check("DLTB", "overlap", [new(Square(0, 0, 50)), new(Square(40, 40, 50))]));
        Assert.Contains("by 100.00 m²", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(problem.MapLink);
        Assert.InRange(problem.Lon!.Value, 103.0, 103.3);
        Assert.InRange(problem.Lat!.Value, 35.1, 35.4);
    }

    [Fact]
    public void PatchesSharingAnEdgeOrOverlappingBelowOneSquareMetreAreNotOverlaps()
    {
        Assert.Empty(Check("DLTB", "overlap", [new(Square(0, 0, 50)), new(Square(50, 0, 50))]));
        Assert.Empty(Check("DLTB", "overlap", [new(Square(0, 0, 50)), new(Square(49.5, 49.5, 50))])); // 0.25 m²
        Assert.Empty(Check("BHTB", "overlap", [new(Square(0, 0, 50)), new(Square(40, 40, 50))]));     // change patches may overlap
    }

    [Fact]
    public void AHoleInTheLandUseLayerNoPatchFillsIsAGap()
    {
        const string donut = "POLYGON((0 0, 30 0, 30 30, 0 30, 0 0), (10 10, 15 10, 15 15, 10 15, 10 10))";
        var gap = Assert.Single(Check("DLTB", "gap", [new(donut)]));
        Assert.Contains("a gap of 25.00 m²", gap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFilledHoleALargeHoleAndAHoleOutsideDltbAreNotGaps()
    {
        const string donut = "POLYGON((0 0, 30 0, 30 30, 0 30, 0 0), (10 10, 15 10, 15 15, 10 15, 10 10))";
        Assert.Empty(Check("DLTB", "gap", [new(donut), new(Square(10, 10, 5))]));
        Assert.Empty(Check("DLTB", "gap", [new("POLYGON((0 0, 60 0, 60 60, 0 60, 0 0), (10 10, 40 10, 40 40, 10 40, 10 10))")])); // 900 m²: land outside the layer
        Assert.Empty(Check("YJJBNT", "gap", [new(donut)]));
    }

    [Fact]
    public void ABowTieIsASelfIntersectionAtTheCrossing()
    {
        var problem = Assert.Single(Check("DLTB", "self-intersection", [new("POLYGON((0 0, 20 20, 20 0, 0 20, 0 0))", Tbmj: 200)]));
        Assert.Contains("Self-intersection", problem.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Check("DLTB", "self-intersection", [new(Square(0, 0, 20))]));
    }

    [Fact]
    public void AThinSmallPolygonIsASliverButAThinLargeOneOrASquareIsNot()
    {
        var sliver = Assert.Single(Check("DLTB", "sliver", [new("POLYGON((0 0, 100 0, 100 0.2, 0 0.2, 0 0))")]));  // 20 m², 4πA/P² ≈ 0.006
        Assert.Contains("thin polygon", sliver.Message, StringComparison.Ordinal);
        Assert.Empty(Check("DLTB", "sliver", [new("POLYGON((0 0, 1000 0, 1000 1, 0 1, 0 0))")]));                    // 1000 m²: a ditch, not a sliver
        Assert.Empty(Check("DLTB", "sliver", [new(Square(0, 0, 5))]));
    }

    [Fact]
    public void ALandClassOutsideGbT21010AndMalformedOrUnknownLocationCodesAreDomainErrors()
    {
        var problems = Check("DLTB", "domain", [
            new(Square(0, 0, 10), Dlbm: "9999"),
            new(Square(10, 0, 10), Zldwdm: "12345"),
            new(Square(20, 0, 10), Zldwdm: "6229211002990000000"),
        ], knownUnits: new HashSet<string> { Village });
        Assert.Equal(3, problems.Count);
        Assert.Equal(["DLBM", "ZLDWDM", "ZLDWDM"], problems.Select(p => p.Field));
        Assert.StartsWith("'9999' is not a land class", problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("'12345' is not a 12- or 19-digit location code", problems[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("'6229211002990000000' names no known village", problems[2].Message, StringComparison.Ordinal);
        Assert.Empty(Check("DLTB", "domain", [new(Square(0, 0, 10), Dlbm: "0101"), new(Square(10, 0, 10), Dlbm: "1203", Zldwdm: Village)], new HashSet<string> { Village }));
    }

    [Fact]
    public void AnEmptyRequiredValueIsReported()
    {
        var problem = Assert.Single(Check("DLTB", "required", [new(Square(0, 0, 10), Bsm: null), new(Square(10, 0, 10))]));
        Assert.Equal("BSM", problem.Field);
        Assert.Empty(Check("DLTB", "required", [new(Square(0, 0, 10))]));
    }

    [Fact]
    public void TbmjOffByOnePercentIsReportedButRoundingIsNot()
    {
        var exact = EllipsoidalArea.OfGaussKruger(new WKTReader().Read(Square(34_600_000, 3_900_000, 50)), Zone);
        var problem = Assert.Single(Check("DLTB", "area", [new(Square(0, 0, 50), Tbmj: Math.Round(exact * 1.01, 2))]));
        Assert.Equal("TBMJ", problem.Field);
        Assert.Contains("differs from the ellipsoidal area", problem.Message, StringComparison.Ordinal);
        Assert.Empty(Check("DLTB", "area", [new(Square(0, 0, 50))]));
        Assert.Empty(Check("DLTB", "area", [new(Square(0, 0, 50), Tbmj: Math.Round(exact * 1.0005, 2))])); // 0.05 % < 0.1 %
    }
}
