using Gengbao.Demo.Divisions;
using Gengbao.Demo.Geography;
using Gengbao.Demo.Partition;
using NetTopologySuite.Geometries;

namespace Gengbao.Demo.Generation;

/// <summary>
/// Builds the hierarchy top-down: counties from <see cref="CountyPartition"/>, then townships, villages and village
/// groups as Voronoi cells of well-spread sites clipped to their parent, so children tile their parent exactly.
/// Names and codes down to villages are the real ones (<see cref="DivisionTable"/>); groups are generated. Each unit's
/// randomness is keyed by its code, so a county comes out the same whether generated alone or with the prefecture.
/// </summary>
internal static class AdminBuilder
{
    public static AdminModel Build(int seed, string? countyCode)
    {
        var divisions = DivisionTable.Divisions;
        var (prefectureGeometry, countyGeometries) = CountyPartition.Build(seed);
        var prefectureDivision = divisions.Single(d => d.Level == 2);
        var anchors = LinxiaGeography.Counties;

        var counties = new List<AdminUnit>();
        for (var c = 0; c < anchors.Length; c++)
        {
            if (countyCode is not null && anchors[c].Code != countyCode)
            {
                continue;
            }
            var division = divisions.Single(d => d.Level == 3 && d.Code.StartsWith(anchors[c].Code, StringComparison.Ordinal));
            counties.Add(new AdminUnit(division.Code, division.SurveyName, 3, division.ParentCode, countyGeometries[c],
                new Coordinate(anchors[c].X, anchors[c].Y)));
        }
        if (counties.Count == 0)
        {
            throw new ArgumentException($"unknown county code {countyCode}; use one of {string.Join(", ", anchors.Select(a => a.Code))}");
        }

        foreach (var county in counties)
        {
            var townships = divisions.Where(d => d.Level == 4 && d.ParentCode == county.Code).ToList();
            county.Children.AddRange(Split(county, townships, seed, "townships", (d, geometry, site) =>
                new AdminUnit(d.Code, d.SurveyName, 4, county.Code, geometry, site) { Urban = d.IsSubdistrict }));
        }
        Parallel.ForEach(counties.SelectMany(c => c.Children).ToList(), township =>
        {
            var villages = divisions.Where(d => d.Level == 5 && d.ParentCode == township.Code)
                .OrderBy(d => d.SurveyName.EndsWith("社区", StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(d => d.Code, StringComparer.Ordinal)
                .ToList();
            var units = Split(township, villages, seed, "villages", (d, geometry, site) =>
                new AdminUnit(d.Code, d.SurveyName, 5, township.Code, geometry, site) { Urban = township.Urban });
            township.Children.AddRange(units.OrderBy(u => u.Code, StringComparer.Ordinal));
            foreach (var village in township.Children)
            {
                AddGroups(village, seed);
            }
        });

        var prefecture = countyCode is null
            ? new AdminUnit(prefectureDivision.Code, prefectureDivision.SurveyName, 2, prefectureDivision.ParentCode,
                prefectureGeometry, counties[0].Centre)
            : null;
        return new AdminModel(prefecture, counties);
    }

    private static List<AdminUnit> Split(AdminUnit parent, List<Division> children, int seed, string purpose,
        Func<Division, Geometry, Coordinate, AdminUnit> create)
    {
        if (children.Count == 0)
        {
            throw new InvalidOperationException($"{parent.Code} {parent.Name} has no {purpose} in the division table");
        }
        var random = DemoRandom.For(seed, $"{purpose} {parent.Code}");
        var sites = SeedPlacer.Spread(parent.Geometry, children.Count, random, parent.Centre);
        var geometries = VoronoiPartition.Units(parent.Geometry, sites);
        return [.. children.Select((d, i) => create(d, geometries[i], sites[i]))];
    }

    private static void AddGroups(AdminUnit village, int seed)
    {
        var random = DemoRandom.For(seed, $"groups {village.Code}");
        var count = random.Between(3, 8);
        var sites = SeedPlacer.Spread(village.Geometry, count, random, village.Centre);
        var geometries = VoronoiPartition.Units(village.Geometry, sites);
        for (var i = 0; i < count; i++)
        {
            var number = i + 1;
            var code = village.Code + number.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            village.Children.Add(new AdminUnit(code, GroupName(village.CountyCode, number), 6, village.Code, geometries[i], sites[i])
            {
                Urban = village.Urban,
            });
        }
    }

    private static readonly string[] Numerals = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    /// <summary>Local naming habits differ: "第1社" (as in the sample county), "一社", "第1组".</summary>
    private static string GroupName(string countyCode, int number) => countyCode switch
    {
        "622921" or "622926" => $"第{number}社",
        "622922" or "622925" or "622924" => $"{Numerals[number]}社",
        _ => $"第{number}组",
    };
}
