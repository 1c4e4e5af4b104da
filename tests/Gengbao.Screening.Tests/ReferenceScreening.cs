using System.Globalization;

namespace Gengbao.Screening.Tests;

/// <summary>Rows of a screening CSV: the six reference columns of shared/data/screen_S.csv (further columns ignored).</summary>
internal sealed record ReferenceScreening(string Jcbh, double Gd, double Yjjbnt, double Gbznt, double Pzyd, string Class)
{
    public static IReadOnlyList<ReferenceScreening> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("jcbh,gd_mj,yjjbnt_mj,gbznt_mj,pzyd_mj,class", lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',', 7);
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return new ReferenceScreening(f[0], D(1), D(2), D(3), D(4), f[5]);
        }).ToList();
    }

    /// <summary>
    /// The acceptance rule of shared/data/README.md: same patches in the same order, every class identical, every area
    /// within max(0.5 m², 0.01 %) of the reference.
    /// </summary>
    public static void AssertAgrees(IReadOnlyList<ReferenceScreening> expected, IReadOnlyList<ReferenceScreening> actual)
    {
        Assert.Equal(expected.Select(r => r.Jcbh), actual.Select(r => r.Jcbh));
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.True(e.Class == a.Class, $"{e.Jcbh}: class {a.Class}, reference {e.Class} ({a} vs {e})");
            Check(e.Jcbh, "gd_mj", e.Gd, a.Gd);
            Check(e.Jcbh, "yjjbnt_mj", e.Yjjbnt, a.Yjjbnt);
            Check(e.Jcbh, "gbznt_mj", e.Gbznt, a.Gbznt);
            Check(e.Jcbh, "pzyd_mj", e.Pzyd, a.Pzyd);
        }
    }

    private static void Check(string jcbh, string column, double expected, double actual)
    {
        var tolerance = Math.Max(0.5, 1e-4 * Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{jcbh}: {column} {actual:F2}, reference {expected:F2} (tolerance {tolerance:F2})");
    }
}
