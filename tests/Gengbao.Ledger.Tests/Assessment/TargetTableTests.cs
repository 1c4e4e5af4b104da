using Gengbao.Ledger.Assessment;

namespace Gengbao.Ledger.Tests.Assessment;

public sealed class TargetTableTests
{
    private static IReadOnlyList<IReadOnlyList<string?>> Rows(params string[] lines) => [.. lines.Select(l => (IReadOnlyList<string?>)l.Split(','))];

    [Fact]
    public void ReadsUnitsFromTheColumnNames()
    {
        var targets = TargetTable.Parse("t.csv", null, Rows("单位代码,年度,耕地保有量(万亩),pbf_target_mu", "6229,2024,369.51,3048500", "622921,2024,,100"));
        Assert.Equal(new ProtectionTarget("622900000000", 2024, 2_463_400_000.00m, 2_032_333_333.33m), targets[0]);
        Assert.Equal(new ProtectionTarget("622921000000", 2024, null, 66_666.67m), targets[1]);
    }

    [Fact]
    public void EveryProblemIsNamedAndNothingIsReturned()
    {
        var e = Assert.Throws<TargetTableException>(() => TargetTable.Parse("t.xlsx", "Sheet1", Rows(
            "unit_code,year,cultivated_target_m2", "62292,2024,1", "622921,20x4,1", "622921,2024,-5", "622922,2024,1", "622922,2024,2")));
        Assert.Equal([
            "t.xlsx, sheet Sheet1, row 2, field unit_code: '62292' is not a 2, 4, 6, 9 or 12-digit unit code",
            "t.xlsx, sheet Sheet1, row 3, field year: '20x4' is not a year",
            "t.xlsx, sheet Sheet1, row 4, field cultivated_target_m2: '-5' is not a non-negative number",
            "t.xlsx, sheet Sheet1, row 6: unit 622922000000 and year 2024 appear twice",
        ], e.Problems);
        var header = Assert.Throws<TargetTableException>(() => TargetTable.Parse("t.csv", null, Rows("code,year")));
        Assert.Contains("t.csv, row 1: no column unit_code (单位代码)", header.Problems);
    }
}
