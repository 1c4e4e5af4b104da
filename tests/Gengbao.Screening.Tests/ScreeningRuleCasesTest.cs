using System.Globalization;
using static Gengbao.Screening.Tests.ScreeningTestCase;

namespace Gengbao.Screening.Tests;

/// <summary>The green/yellow rule, the overlaps and the tags, case by case from Cases/screening_rules.csv.</summary>
public sealed class ScreeningRuleCasesTest
{
    public static IEnumerable<object[]> Cases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Cases", "screening_rules.csv");
        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Skip(1)
            .Select(line => new object[] { line.Split(';')[0], line });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CaseHolds(string description, string line)
    {
        var f = line.Split(';');
        Assert.True(f.Length == 12, $"{description}: 12 fields expected, got {f.Length}");
        var land = List(f[4]).Select((item, i) => new LandPatch(100 + i, Key(item), Read(Value(item)))).ToList();
        var pbf = List(f[5]).Select((wkt, i) => new FarmlandPatch(200 + i, Read(wkt))).ToList();
        var approvals = List(f[6]).Select((item, i) =>
        {
            var key = Key(item).Split(':');
            return new Approval(300 + i, key[0], key[1], Read(Value(item)));
        }).ToList();
        var engine = new ScreeningEngine(Zone);

        var result = engine.Screen(Patch(f[1], Empty(f[2]), Empty(f[3])), new ScreeningLayers(land, pbf, [], approvals));

        Assert.Equal(f[7], result.Class.ToString().ToLowerInvariant());
        Assert.Equal(Enum.Parse<ScreeningTags>(f[8]), result.Tags);
        CheckEqual(Share(f[9]), result.CultivatedArea / result.PatchArea, 1e-5, $"{description}: gd share");
        CheckEqual(Share(f[10]), result.PermanentBasicFarmlandArea / result.PatchArea, 1e-5, $"{description}: yjjbnt share");
        CheckEqual(Share(f[11]), result.ApprovedArea / result.PatchArea, 1e-5, $"{description}: pzyd share");
    }

    private static string[] List(string field) => field.Length == 0 ? [] : field.Split('|');

    private static string Key(string item) => item[..item.IndexOf('=', StringComparison.Ordinal)];

    private static string Value(string item) => item[(item.IndexOf('=', StringComparison.Ordinal) + 1)..];

    private static string? Empty(string field) => field.Length == 0 ? null : field;

    private static double Share(string field) => double.Parse(field, CultureInfo.InvariantCulture);
}
