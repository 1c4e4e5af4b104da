using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Gengbao.Demo.Tests;

/// <summary>Checks one generated county exhaustively: validity, tiling, codes, counts, the 2023→2024 changes.</summary>
public sealed partial class CountyDemoTests(CountyFixture fixture) : IClassFixture<CountyFixture>
{
    private static readonly string[] Layers2023 = ["DLTB", "GBZNT", "PZYD", "XZQ", "YJJBNT"];
    private static readonly PrecisionModel Floating = new();

    [Fact]
    public void BothYearsHaveTheSampleLayers()
    {
        using var year2023 = new DemoGpkg(fixture.Year2023);
        using var year2024 = new DemoGpkg(fixture.Year2024);
        Assert.Equal(Layers2023, year2023.Tables());
        Assert.Equal(["BHTB", .. Layers2023], year2024.Tables().OrderBy(t => t, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void EveryGeometryIsAValidMultiPolygon(int year)
    {
        using var gpkg = new DemoGpkg(fixture.Paths[year]);
        foreach (var table in gpkg.Tables())
        {
            foreach (var row in gpkg.Rows(table))
            {
                Assert.IsType<MultiPolygon>(row.Geometry);
                Assert.False(row.Geometry.IsEmpty, $"{table} {row.Fid} is empty");
                Assert.True(row.Geometry.IsValid, $"{table} {row.Fid} is invalid: {row.Geometry}");
            }
        }
    }

    [Fact]
    public void ChildrenTileTheirParents()
    {
        using var gpkg = new DemoGpkg(fixture.Year2023);
        var units = gpkg.Rows("XZQ").ToList();
        var byCode = units.ToDictionary(u => u.Text("XZQDM"));
        foreach (var group in units.GroupBy(u => u.Text("SJDM")))
        {
            if (!byCode.TryGetValue(group.Key, out var parent))
            {
                continue;
            }
            var sum = group.Sum(c => c.Geometry.Area);
            Assert.True(Math.Abs(sum - parent.Geometry.Area) <= 1e-4 * parent.Geometry.Area,
                $"children of {group.Key} cover {sum:F1} m² of {parent.Geometry.Area:F1} m²");
        }
    }

    [Fact]
    public void SiblingsDoNotOverlap()
    {
        using var gpkg = new DemoGpkg(fixture.Year2023);
        var units = gpkg.Rows("XZQ").ToList();
        // Every level, all pairs of siblings whose envelopes meet; overlaps are at most grid noise (1 mm wide slivers).
        foreach (var siblings in units.GroupBy(u => u.Text("SJDM")))
        {
            AssertNoOverlaps(siblings.Select(s => (s.Text("XZQDM"), s.Geometry)).ToList(), 0.05);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PatchesTileEveryGroup(int year)
    {
        using var gpkg = new DemoGpkg(fixture.Paths[year]);
        var groups = gpkg.Rows("XZQ", "WHERE JB = 6").ToDictionary(g => g.Text("XZQDM") + "0000", g => g.Geometry);
        var patches = gpkg.Rows("DLTB").ToList();
        foreach (var group in patches.GroupBy(p => p.Text("ZLDWDM")))
        {
            Assert.True(groups.TryGetValue(group.Key, out var polygon), $"ZLDWDM {group.Key} is not a group");
            var sum = group.Sum(p => p.Geometry.Area);
            Assert.True(Math.Abs(sum - polygon.Area) <= 1e-4 * polygon.Area, $"patches of {group.Key} cover {sum:F1} of {polygon.Area:F1} m²");
        }
        Assert.Equal(groups.Count, patches.Select(p => p.Text("ZLDWDM")).Distinct().Count());
        // Overlaps within a sample of groups (every 25th), all pairs.
        foreach (var group in patches.GroupBy(p => p.Text("ZLDWDM")).Where((_, i) => i % 25 == 0))
        {
            AssertNoOverlaps(group.Select(p => (p.Fid.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Geometry)).ToList(), 0.01);
        }
    }

    [Fact]
    public void CodesAreWellFormedAndParentsExist()
    {
        using var gpkg = new DemoGpkg(fixture.Year2024);
        var units = gpkg.Rows("XZQ").ToList();
        var codes = units.Select(u => u.Text("XZQDM")).ToHashSet();
        Assert.Equal(units.Count, codes.Count);
        foreach (var unit in units)
        {
            var code = unit.Text("XZQDM");
            var level = unit.Integer("JB");
            Assert.Matches(level == 6 ? Digits15() : Digits12(), code);
            Assert.StartsWith(CountyFixture.County, code);
            Assert.False(string.IsNullOrWhiteSpace(unit.Text("XZQMC")));
            var parent = unit.Text("SJDM");
            Assert.True(level == 3 ? parent == "622900000000" : codes.Contains(parent), $"{code}: parent {parent} missing");
            var shared = level switch { 3 => 4, 4 => 6, 5 => 9, _ => 12 };
            Assert.True(code[..shared] == parent[..shared], $"{code} does not extend its parent {parent}");
        }
        Assert.Equal([3L, 4L, 5L, 6L], units.Select(u => u.Integer("JB")).Distinct().Order());
        foreach (var village in units.Where(u => u.Integer("JB") == 5))
        {
            var groups = units.Count(u => u.Text("SJDM") == village.Text("XZQDM"));
            Assert.InRange(groups, 3, 8);
        }

        var groupCodes = units.Where(u => u.Integer("JB") == 6).Select(u => u.Text("XZQDM")).ToHashSet();
        var patches = gpkg.Rows("DLTB").ToList();
        Assert.Equal(patches.Count, patches.Select(p => p.Integer("BSM")).Distinct().Count());
        foreach (var patch in patches)
        {
            var location = patch.Text("ZLDWDM");
            Assert.Matches(Digits19(), location);
            Assert.EndsWith("0000", location);
            Assert.Contains(location[..15], groupCodes);
            Assert.Equal(2024, patch.Integer("SJNF"));
            Assert.Equal(Math.Round(patch.Real("TBMJ"), 2), patch.Real("TBMJ"));
        }
        foreach (var village in patches.GroupBy(p => p.Text("ZLDWDM")[..12]))
        {
            var numbers = village.Select(p => p.Text("TBBH")).ToList();
            Assert.Equal(numbers.Count, numbers.Distinct().Count());
        }
        foreach (var change in gpkg.Rows("BHTB"))
        {
            Assert.Matches(ChangeNumber(), change.Text("JCBH"));
        }
        foreach (var approval in gpkg.Rows("PZYD"))
        {
            Assert.Matches(ApprovalNumber(), approval.Text("PZWH"));
            Assert.Contains(approval.Text("PZLX"), new[] { "NZY", "GD", "SSNYD", "LSYD" });
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PatchCountIsNearTheRequestedSize(int year)
    {
        using var gpkg = new DemoGpkg(fixture.Paths[year]);
        Assert.InRange(gpkg.Count("DLTB"), 0.9 * CountyFixture.Size, 1.1 * CountyFixture.Size);
    }

    [Fact]
    public void ChangesAreAppliedToThe2024Patches()
    {
        using var year2023 = new DemoGpkg(fixture.Year2023);
        using var year2024 = new DemoGpkg(fixture.Year2024);
        var changes = year2024.Rows("BHTB").ToList();
        Assert.InRange(changes.Count, CountyFixture.Size / 60 * 0.6, CountyFixture.Size / 60 * 1.4);
        Assert.Contains(changes, c => IsCultivated(c.Text("QSXDL")) && !IsCultivated(c.Text("HSXDL")));
        Assert.Contains(changes, c => !IsCultivated(c.Text("QSXDL")) && IsCultivated(c.Text("HSXDL")));
        Assert.True(changes.Count(c => IsCultivated(c.Text("QSXDL"))) > changes.Count / 2, "change patches lie mostly on cultivated land");

        var patches2023 = Index(year2023.Rows("DLTB"));
        var patches2024 = Index(year2024.Rows("DLTB"));
        foreach (var change in changes)
        {
            var area = change.Geometry.Area;
            Assert.InRange(area, 100, 31_000);
            Assert.Equal(change.Real("TBMJ"), Math.Round(change.Real("TBMJ"), 2));
            Assert.Equal(2024, DateOnly.Parse(change.Text("HSX"), System.Globalization.CultureInfo.InvariantCulture).Year);
            // In 2024 the whole change patch is land of its new class.
            var covered = patches2024.Query(change.Geometry.EnvelopeInternal)
                .Where(p => p.Text("DLBM") == change.Text("HSXDL"))
                .Sum(p => OverlayNG.Overlay(p.Geometry, change.Geometry, SpatialFunction.Intersection, Floating).Area);
            Assert.True(covered >= area * 0.999, $"{change.Text("JCBH")}: only {covered:F1} of {area:F1} m² became {change.Text("HSXDL")}");
            // In 2023 the land under it was mostly the recorded former class.
            var before = patches2023.Query(change.Geometry.EnvelopeInternal)
                .GroupBy(p => p.Text("DLBM"))
                .Select(g => (Class: g.Key, Area: g.Sum(p => OverlayNG.Overlay(p.Geometry, change.Geometry, SpatialFunction.Intersection, Floating).Area)))
                .MaxBy(x => x.Area);
            Assert.Equal(change.Text("QSXDL"), before.Class);
        }
        Assert.Contains(changes, c => patches2023.Query(c.Geometry.EnvelopeInternal).Count(p => p.Geometry.Intersection(c.Geometry).Area > 1) > 1);
    }

    [Fact]
    public void FarmlandProjectsAndApprovalsAreConsistent()
    {
        using var year2023 = new DemoGpkg(fixture.Year2023);
        using var year2024 = new DemoGpkg(fixture.Year2024);
        var patches = year2023.Rows("DLTB").ToDictionary(p => p.Blob, p => p, ByteArrayComparer.Instance);
        var farmland = year2023.Rows("YJJBNT").ToList();
        Assert.NotEmpty(farmland);
        var cultivated = patches.Values.Count(p => IsCultivated(p.Text("DLBM")));
        Assert.InRange(farmland.Count, cultivated * 0.5, cultivated);
        foreach (var parcel in farmland)
        {
            Assert.True(IsCultivated(parcel.Text("DLBM")));
            // Same geometry and area as a 2023 cultivated patch, hence no overlaps between farmland parcels.
            Assert.True(patches.TryGetValue(parcel.Blob, out var patch), $"YJJBNT {parcel.Fid} is not a DLTB patch");
            Assert.Equal(patch!.Real("TBMJ"), parcel.Real("TBMJ"));
            Assert.Equal(patch.Text("ZLDWDM"), parcel.Text("ZLDWDM"));
        }
        Assert.Equal(farmland.Count, year2024.Count("YJJBNT"));

        var projects = year2023.Rows("GBZNT").ToList();
        Assert.NotEmpty(projects);
        AssertNoOverlaps(projects.Select(p => (p.Text("XMMC"), p.Geometry)).ToList(), 0.01);
        Assert.All(projects, p => Assert.Matches(ProjectName(), p.Text("XMMC")));

        var approvals2023 = year2023.Rows("PZYD").ToList();
        var approvals2024 = year2024.Rows("PZYD").ToList();
        Assert.All(approvals2023, a => Assert.True(string.CompareOrdinal(a.Text("PZRQ"), "2024-01-01") < 0));
        Assert.True(approvals2024.Count > approvals2023.Count);
        var changes = year2024.Rows("BHTB").ToList();
        var fully = changes.Count(c => approvals2024.Any(a => a.Geometry.EnvelopeInternal.Contains(c.Geometry.EnvelopeInternal) && a.Geometry.Covers(c.Geometry)));
        var partly = changes.Count(c => approvals2024.Any(a => a.Geometry.Intersects(c.Geometry))) - fully;
        Assert.True(fully > changes.Count / 5, $"only {fully} of {changes.Count} change patches are fully approved");
        Assert.True(partly > 0, "no change patch is approved in part");
    }

    private static bool IsCultivated(string code) => code is "0101" or "0102" or "0103";

    private static STRtree<DemoGpkg.Row> Index(IEnumerable<DemoGpkg.Row> rows)
    {
        var tree = new STRtree<DemoGpkg.Row>();
        foreach (var row in rows)
        {
            tree.Insert(row.Geometry.EnvelopeInternal, row);
        }
        tree.Build();
        return tree;
    }

    private static void AssertNoOverlaps(List<(string Name, Geometry Geometry)> items, double tolerance)
    {
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                if (!items[i].Geometry.EnvelopeInternal.Intersects(items[j].Geometry.EnvelopeInternal))
                {
                    continue;
                }
                var overlap = OverlayNG.Overlay(items[i].Geometry, items[j].Geometry, SpatialFunction.Intersection, Floating).Area;
                Assert.True(overlap <= tolerance, $"{items[i].Name} and {items[j].Name} overlap by {overlap} m²");
            }
        }
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex Digits12();

    [GeneratedRegex("^[0-9]{15}$")]
    private static partial Regex Digits15();

    [GeneratedRegex("^[0-9]{19}$")]
    private static partial Regex Digits19();

    [GeneratedRegex("^6229252024[0-9]{6}$")]
    private static partial Regex ChangeNumber();

    [GeneratedRegex("^和政政土批〔20(1[5-9]|2[0-4])〕[1-9][0-9]*号$")]
    private static partial Regex ApprovalNumber();

    [GeneratedRegex("^和政县20(1[1-9]|2[0-3])年高标准农田建设项目（第[1-9][0-9]*片区）$")]
    private static partial Regex ProjectName();

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
