using System.Globalization;

namespace Gengbao.TestSupport;

/// <summary>The rows of shared/data/ledger_S.csv (reference per-village totals made by PostGIS).</summary>
public static class ReferenceLedger
{
    public sealed record Row(string Code, string Name, decimal CultivatedArea, long CultivatedCount, decimal PbfArea, long PbfCount);

    public static IReadOnlyList<Row> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal("xzqdm,xzqmc,gd_mj,gd_count,yjjbnt_mj,yjjbnt_count", lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            var inv = CultureInfo.InvariantCulture;
            return new Row(f[0], f[1], decimal.Parse(f[2], inv), long.Parse(f[3], inv), decimal.Parse(f[4], inv), long.Parse(f[5], inv));
        }).ToList();
    }

    /// <summary>Same rows in the same order, counts exact, sums within 0.01 m².</summary>
    public static void AssertEqual(IReadOnlyList<Row> expected, IReadOnlyList<Row> actual)
    {
        Assert.Equal(expected.Select(r => r.Code), actual.Select(r => r.Code));
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.CultivatedCount, a.CultivatedCount);
            Assert.Equal(e.PbfCount, a.PbfCount);
            Assert.True(Math.Abs(e.CultivatedArea - a.CultivatedArea) <= 0.01m, $"{e.Code} gd_mj {a.CultivatedArea} vs {e.CultivatedArea}");
            Assert.True(Math.Abs(e.PbfArea - a.PbfArea) <= 0.01m, $"{e.Code} yjjbnt_mj {a.PbfArea} vs {e.PbfArea}");
        }
    }
}
