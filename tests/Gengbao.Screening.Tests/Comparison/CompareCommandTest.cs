using System.Diagnostics;
using System.Globalization;
using Gengbao.Batch;
using Gengbao.Cli.Commands;
using Gengbao.Geo.Area;
using Gengbao.Geo.Codes;
using Gengbao.Geo.Crs;
using Gengbao.Import;
using Gengbao.Import.GeoPackage;
using Gengbao.Screening.Comparison;
using Gengbao.TestSupport;

namespace Gengbao.Screening.Tests.Comparison;

/// <summary>
/// The `compare` command's own code path (<see cref="FileComparison.Run"/>) on two generated demo survey years, checked
/// against areas computed independently, parcel by parcel, from the files.
/// </summary>
public sealed class CompareCommandTest(DemoYearsFixture demo) : IClassFixture<DemoYearsFixture>, IDisposable
{
    private const double Tolerance = 1e-4; // 0.01 %

    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-compare-").FullName;

    [Fact]
    public void VillageRowsSumToTheVillagesBeforeArea()
    {
        var outcome = FileComparison.Run(demo.Before, demo.After, Out("matrix.csv"), null, threads: 2);

        var expected = ParcelAreas(demo.Before).GroupBy(p => TransferMatrix.VillageOf(p.Zldwdm)).ToDictionary(g => g.Key, g => g.Sum(p => p.Area));
        var actual = outcome.Comparison.Matrix().GroupBy(r => r.Village).ToDictionary(g => g.Key, g => g.Sum(r => r.Area));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (village, area) in expected)
        {
            Assert.True(Math.Abs(actual[village] - area) <= Tolerance * area, $"village {village}: matrix {actual[village]:F2} m², parcels {area:F2} m²");
        }
        Assert.Equal(TransferMatrix.Header, File.ReadLines(Out("matrix.csv")).First());
    }

    [Fact]
    public void MatrixRowsAreSortedAndRounded()
    {
        FileComparison.Run(demo.Before, demo.After, Out("matrix.csv"), null, threads: 2);

        var rows = File.ReadLines(Out("matrix.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Matches(@"^\d+\.\d\d$", r[3]));
        Assert.All(rows, r => Assert.Equal(12, r[0].Length));
        var keys = rows.Select(r => (r[0], r[1], r[2])).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ThenBy(k => k.Item3, StringComparer.Ordinal), keys);
        Assert.Contains(rows, r => r[1] != r[2]);
    }

    [Fact]
    public void AFileComparedWithItselfHasOnlyUnchangedRows()
    {
        var outcome = FileComparison.Run(demo.Before, demo.Before, Out("self.csv"), Out("self.gpkg"), threads: 2);

        var rows = File.ReadLines(Out("self.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(r[1], r[2]));
        Assert.Equal(0, outcome.ChangePieces);
        Assert.True(Math.Abs(outcome.Comparison.BeforeOnlyArea) <= 1e-9 * outcome.Comparison.BeforeArea);
    }

    [Fact]
    public void OutputIsByteIdenticalForOneAndTwoThreads()
    {
        FileComparison.Run(demo.Before, demo.After, Out("one.csv"), Out("one.gpkg"), threads: 1);
        FileComparison.Run(demo.Before, demo.After, Out("two.csv"), Out("two.gpkg"), threads: 2);

        Assert.Equal(File.ReadAllBytes(Out("one.csv")), File.ReadAllBytes(Out("two.csv")));
        Assert.Equal(Features(Out("one.gpkg")), Features(Out("two.gpkg")));
    }

    [Fact]
    public void CultivatedNetChangeEqualsTheDifferenceOfCultivatedAreas()
    {
        var outcome = FileComparison.Run(demo.Before, demo.After, Out("matrix.csv"), Out("changes.gpkg"), threads: 2);

        var expected = CultivatedArea(demo.After) - CultivatedArea(demo.Before);
        var matrix = outcome.Comparison.Matrix();
        var actual = matrix.Where(r => LandClass.IsCultivated(r.ToClass)).Sum(r => r.Area) - matrix.Where(r => LandClass.IsCultivated(r.FromClass)).Sum(r => r.Area);
        Assert.NotEqual(0, expected);
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected), $"matrix {actual:F2} m², parcels {expected:F2} m²");

        // The change layer holds the same net change: gained − lost.
        var pieces = Features(Out("changes.gpkg"));
        Assert.NotEmpty(pieces);
        var net = pieces.Sum(p => ((string)p[3]! == "gained" ? 1 : -1) * (double)p[4]!);
        Assert.True(Math.Abs(net - expected) <= Tolerance * Math.Abs(expected) + (0.005 * pieces.Count), $"changes {net:F2} m², parcels {expected:F2} m²");
        Assert.All(pieces, p => Assert.True(LandClass.IsCultivated((string)p[1]!) != LandClass.IsCultivated((string)p[2]!)));
    }

    [Fact]
    public void DifferentCrsIsAnErrorNamingBothFiles()
    {
        var other = Path.Combine(_work, "zone35.gpkg");
        Gdal.Ogr2Ogr("-f", "GPKG", other, demo.After, "DLTB", "-t_srs", "EPSG:4523");

        var e = Assert.Throws<SourceFileException>(() => FileComparison.Run(demo.Before, other, Out("m.csv"), Out("c.gpkg"), threads: 2));

        Assert.Contains(other, e.Message, StringComparison.Ordinal);
        Assert.Contains(demo.Before, e.Message, StringComparison.Ordinal);
        Assert.Contains("EPSG:4523", e.Message, StringComparison.Ordinal);
        AssertNoOutput("m.csv", "c.gpkg");
    }

    [Fact]
    public void MissingDltbIsAnErrorNamingTheFile()
    {
        var path = Path.Combine(_work, "no-dltb.gpkg");
        Gdal.Ogr2Ogr("-f", "GPKG", path, demo.After, "XZQ");

        var e = Assert.Throws<SourceFileException>(() => FileComparison.Run(path, demo.After, Out("m.csv"), Out("c.gpkg"), threads: 2));

        Assert.Equal(path, e.Path);
        Assert.Contains("DLTB", e.Message, StringComparison.Ordinal);
        AssertNoOutput("m.csv", "c.gpkg");
    }

    [Fact]
    public void CommandExitsWithOneAndWritesNothing()
    {
        var root = new System.CommandLine.RootCommand { CompareCommand.Create() };

        var exit = root.Parse(["compare", "--before", demo.Before, "--after", Path.Combine(_work, "missing.gpkg"), "--out", Out("m.csv"), "--changes", Out("c.gpkg")]).Invoke();

        Assert.Equal(1, exit);
        AssertNoOutput("m.csv", "c.gpkg");
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Out(string name) => Path.Combine(_work, name);

    private void AssertNoOutput(params string[] names)
    {
        foreach (var name in names)
        {
            Assert.False(File.Exists(Out(name)), name);
            Assert.False(File.Exists(Out(name) + ".partial"), name + ".partial");
        }
    }

    /// <summary>Every DLTB parcel's geodesic area, straight from the file: ToGeographic, then GeodesicArea.</summary>
    private static List<(string Zldwdm, string Dlbm, double Area)> ParcelAreas(string path)
    {
        var layers = GeoPackageReader.Open(path);
        try
        {
            var layer = layers.Single(l => l.Name == "DLTB");
            var zone = CgcsCrs.GetZone(layer.Epsg!.Value);
            int zldwdm = layer.FieldIndex("ZLDWDM"), dlbm = layer.FieldIndex("DLBM");
            return layer.ReadFeatures()
                .Select(f => ((string)f.Values[zldwdm]!, (string)f.Values[dlbm]!, GeodesicArea.OfGeographic(GeometryReprojector.ToGeographic(f.Geometry!, zone))))
                .ToList();
        }
        finally
        {
            foreach (var layer in layers)
            {
                layer.Dispose();
            }
        }
    }

    private static double CultivatedArea(string path) => ParcelAreas(path).Where(p => LandClass.IsCultivated(p.Dlbm)).Sum(p => p.Area);

    /// <summary>The change layer's rows (ZLDWDM, QSDL, HSDL, BHLX, MJ) with the geometry as WKT, in fid order.</summary>
    private static List<object?[]> Features(string path)
    {
        var layers = GeoPackageReader.Open(path);
        try
        {
            var layer = layers.Single();
            Assert.Equal(4522, layer.Epsg);
            return layer.ReadFeatures().Select(f => f.Values.Append(f.Geometry!.AsText()).ToArray()).ToList();
        }
        finally
        {
            foreach (var layer in layers)
            {
                layer.Dispose();
            }
        }
    }

}
