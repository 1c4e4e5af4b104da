using NetTopologySuite.Geometries;

namespace Gengbao.Demo.Tests;

/// <summary>The default run: the whole prefecture with its real units, shaped and sized like Linxia.</summary>
public sealed class PrefectureDemoTests(PrefectureFixture fixture) : IClassFixture<PrefectureFixture>
{
    private static readonly Dictionary<string, (string Name, double AreaKm2, double Lon, double Lat)> Counties = new()
    {
        ["622901000000"] = ("临夏市", 88.6, 103.21, 35.60),
        ["622921000000"] = ("临夏县", 1212, 103.00, 35.49),
        ["622922000000"] = ("康乐县", 1083, 103.71, 35.37),
        ["622923000000"] = ("永靖县", 1864, 103.32, 35.94),
        ["622924000000"] = ("广河县", 538, 103.58, 35.49),
        ["622925000000"] = ("和政县", 960, 103.35, 35.43),
        ["622926000000"] = ("东乡族自治县", 1510, 103.39, 35.66),
        ["622927000000"] = ("积石山保安族东乡族撒拉族自治县", 910, 102.88, 35.72),
    };

    [Fact]
    public void HierarchyHasTheRealUnits()
    {
        using var gpkg = new DemoGpkg(fixture.Paths[0]);
        var units = gpkg.Rows("XZQ").ToList();
        var byLevel = units.GroupBy(u => u.Integer("JB")).ToDictionary(g => g.Key, g => g.ToList());
        var prefecture = Assert.Single(byLevel[2]);
        Assert.Equal("622900000000", prefecture.Text("XZQDM"));
        Assert.Equal("临夏回族自治州", prefecture.Text("XZQMC"));
        Assert.Equal(8, byLevel[3].Count);
        Assert.Equal(131, byLevel[4].Count);
        Assert.Equal(1197, byLevel[5].Count);
        Assert.InRange(byLevel[6].Count, 3 * 1197, 8 * 1197);
        Assert.Contains(byLevel[4], t => t.Text("XZQDM") == "622921100000" && t.Text("XZQMC") == "韩集镇");
        Assert.Contains(byLevel[4], t => t.Text("XZQDM") == "622901001000" && t.Text("XZQMC") == "城南街道");
        Assert.All(byLevel[5], v => Assert.DoesNotContain("委员会", v.Text("XZQMC")));
        foreach (var county in byLevel[3])
        {
            var (name, _, _, _) = Counties[county.Text("XZQDM")];
            Assert.Equal(name, county.Text("XZQMC"));
        }
    }

    [Fact]
    public void PrefectureAndCountiesHaveAboutTheirRealAreas()
    {
        using var gpkg = new DemoGpkg(fixture.Paths[0]);
        var prefecture = gpkg.Rows("XZQ", "WHERE JB = 2").Single();
        Assert.InRange(prefecture.Geometry.Area / 1e6, 8169 * 0.99, 8169 * 1.01);
        // Gauss–Krüger zone 34 with prefix, within the real extent (102.7–103.8E, 35.0–36.2N).
        var extent = prefecture.Geometry.EnvelopeInternal;
        Assert.InRange(extent.MinX, 34_530_000, 34_580_000);
        Assert.InRange(extent.MaxX, 34_640_000, 34_700_000);
        Assert.InRange(extent.MinY, 3_870_000, 3_920_000);
        Assert.InRange(extent.MaxY, 3_975_000, 4_020_000);
        foreach (var county in gpkg.Rows("XZQ", "WHERE JB = 3"))
        {
            var (name, area, _, _) = Counties[county.Text("XZQDM")];
            Assert.True(Math.Abs(county.Geometry.Area / 1e6 - area) <= 0.1 * area, $"{name}: {county.Geometry.Area / 1e6:F0} km², real {area} km²");
            Assert.Single(((MultiPolygon)county.Geometry).Geometries);
        }
    }

    [Fact]
    public void SizeIsRespected()
    {
        for (var year = 0; year < 2; year++)
        {
            using var gpkg = new DemoGpkg(fixture.Paths[year]);
            Assert.InRange(gpkg.Count("DLTB"), 36_000, 44_000);
            Assert.InRange(gpkg.Scalar<double>("SELECT sum(TBMJ) FROM DLTB") / 1e6, 8169 * 0.999, 8169 * 1.001);
        }
        using var year2024 = new DemoGpkg(fixture.Paths[1]);
        Assert.InRange(year2024.Count("BHTB"), 40_000 / 60 * 0.8, 40_000 / 60 * 1.2);
    }

    [Fact]
    public void LandUseLooksLikeTheRegion()
    {
        using var gpkg = new DemoGpkg(fixture.Paths[0]);
        double Share(string where) => gpkg.Scalar<double>($"SELECT coalesce(sum(TBMJ), 0) FROM DLTB WHERE {where}") / gpkg.Scalar<double>("SELECT sum(TBMJ) FROM DLTB");
        Assert.InRange(Share("DLBM IN ('0101','0102','0103')"), 0.2, 0.5);
        Assert.InRange(Share("DLBM LIKE '03%'"), 0.08, 0.4);
        Assert.InRange(Share("DLBM = '0404'"), 0.05, 0.3);
        Assert.InRange(Share("DLBM IN ('0702','0701')"), 0.02, 0.1);
        Assert.InRange(Share("DLBM IN ('1101','1103')"), 0.005, 0.06);
        Assert.True(Share("DLBM = '1003'") > 0.001);
        Assert.True(Share("DLBM = '1006'") > 0.0005);
        Assert.True(Share("DLBM = '1104'") > 0);
        // Urban land in 临夏市's sub-districts.
        Assert.True(gpkg.Scalar<double>("SELECT coalesce(sum(TBMJ), 0) FROM DLTB WHERE DLBM = '0701' AND ZLDWDM LIKE '622901001%'") > 0);
    }
}
