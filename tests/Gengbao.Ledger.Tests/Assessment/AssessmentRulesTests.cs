using Gengbao.Ledger.Assessment;

namespace Gengbao.Ledger.Tests.Assessment;

public sealed class AssessmentRulesTests
{
    private static AssessmentInput Input(string code, decimal cultivated, decimal? target, long due = 10, long done = 10, long? cases = null, long? closed = null) =>
        new(code, code, cultivated, 500m, target, 500m, due, done, cases, closed);

    [Fact]
    public void TargetsMetAndAllTasksDoneScoreFullWithoutTheCaseItem()
    {
        var s = AssessmentRules.Score(Input("622921000000", 1000m, 1000m));
        Assert.Equal(100.00m, s.Total);
        Assert.Null(s.Items[3].Earned); // no case module: left out, rescaled over 85 points
    }

    [Fact]
    public void AShortfallCostsTwentyTimesItsShare()
    {
        // 1 % short of the cultivated target: 40 × (1 − 0.2) = 32; patrol 8/10 → 12; PBF 30; cases 3/4 → 11.25. Total 85.25 of 100.
        var s = AssessmentRules.Score(Input("622921000000", 990m, 1000m, 10, 8, 4, 3));
        Assert.Equal(32.00m, s.Items[0].Earned);
        Assert.Equal(12.00m, s.Items[2].Earned);
        Assert.Equal(11.25m, s.Items[3].Earned);
        Assert.Equal(85.25m, s.Total);
        // 5 % or more short scores 0 for that item.
        Assert.Equal(0m, AssessmentRules.Score(Input("x", 950m, 1000m)).Items[0].Earned);
    }

    [Fact]
    public void RanksByScoreWithTiesSharingARankAndUnscoredLast()
    {
        var ranked = AssessmentRules.Rank([
            Input("622922000000", 990m, 1000m),
            Input("622921000000", 1000m, 1000m),
            Input("622923000000", 1000m, 1000m),
            new AssessmentInput("622924000000", "无数据", 0, 0, null, null, 0, 0, null, null),
        ]);
        Assert.Equal(["622921000000", "622923000000", "622922000000", "622924000000"], ranked.Select(r => r.Input.UnitCode));
        Assert.Equal([1, 1, 3, null], ranked.Select(r => r.Rank));
    }
}
