namespace Gengbao.Ledger.Assessment;

/// <summary>
/// 耕地保护目标责任考核: the score rules (docs/ledger.md §5). Four items with weights summing to 100:
/// cultivated land vs target 40, PBF vs target 30, patrol completion 15, case handling 15.
/// <list type="bullet">
/// <item>Area items: the full weight when actual ≥ target; otherwise weight × max(0, 1 − 20 × shortfall / target), so a
/// 1 % shortfall costs a fifth of the item and 5 % or more scores 0 (protection targets are red lines).</item>
/// <item>Patrol: weight × completed / due. Cases: weight × closed / total.</item>
/// <item>An item without data (no target set, no task due, no case module or no case) is left out and the score is
/// rescaled to 100 over the items that apply; a unit with no item scores null.</item>
/// </list>
/// Ranking: by score, highest first; equal scores (to 2 decimals) share a rank; unscored units come last without a rank.
/// </summary>
public static class AssessmentRules
{
    public const decimal CultivatedWeight = 40m;
    public const decimal PbfWeight = 30m;
    public const decimal PatrolWeight = 15m;
    public const decimal CaseWeight = 15m;

    /// <summary>Shortfall multiplier of the area items: 1 / 20 = 5 % shortfall scores 0.</summary>
    public const decimal ShortfallPenalty = 20m;

    /// <summary>Scores one unit.</summary>
    public static AssessmentScore Score(AssessmentInput input)
    {
        var items = new List<AssessmentItem>
        {
            AreaItem("耕地保有量", CultivatedWeight, input.Cultivated, input.CultivatedTarget),
            AreaItem("永久基本农田保护面积", PbfWeight, input.Pbf, input.PbfTarget),
            RatioItem("巡田任务完成率", PatrolWeight, input.PatrolCompleted, input.PatrolDue),
            RatioItem("案件办结率", CaseWeight, input.CasesClosed, input.CasesTotal),
        };
        var applicable = items.Where(i => i.Earned is not null).ToList();
        decimal? total = applicable.Count == 0 ? null
            : Math.Round(applicable.Sum(i => i.Earned!.Value) * 100m / applicable.Sum(i => i.Weight), 2, MidpointRounding.AwayFromZero);
        return new AssessmentScore(input, items, total, null);
    }

    /// <summary>Scores and ranks units of one level.</summary>
    public static IReadOnlyList<AssessmentScore> Rank(IEnumerable<AssessmentInput> inputs)
    {
        var scored = inputs.Select(Score).OrderByDescending(s => s.Total.HasValue).ThenByDescending(s => s.Total)
            .ThenBy(s => s.Input.UnitCode, StringComparer.Ordinal).ToList();
        var ranked = new List<AssessmentScore>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            int? rank = scored[i].Total is null ? null
                : i > 0 && scored[i].Total == scored[i - 1].Total ? ranked[i - 1].Rank : i + 1;
            ranked.Add(scored[i] with { Rank = rank });
        }
        return ranked;
    }

    private static AssessmentItem AreaItem(string name, decimal weight, decimal actual, decimal? target)
    {
        if (target is not { } t || t <= 0)
        {
            return new AssessmentItem(name, weight, null, null, "未下达目标");
        }
        var ratio = actual / t;
        var shortfall = Math.Max(0m, t - actual);
        var earned = Math.Max(0m, weight * (1m - ShortfallPenalty * shortfall / t));
        return new AssessmentItem(name, weight, Math.Round(earned, 2, MidpointRounding.AwayFromZero), Math.Round(ratio, 4, MidpointRounding.AwayFromZero),
            shortfall == 0 ? "完成目标" : $"缺口 {shortfall:F2} m²");
    }

    private static AssessmentItem RatioItem(string name, decimal weight, long? done, long? total)
    {
        if (done is not { } d || total is not { } n || n <= 0)
        {
            return new AssessmentItem(name, weight, null, null, "无数据");
        }
        var ratio = (decimal)d / n;
        return new AssessmentItem(name, weight, Math.Round(weight * ratio, 2, MidpointRounding.AwayFromZero), Math.Round(ratio, 4, MidpointRounding.AwayFromZero), $"{d}/{n}");
    }
}

/// <summary>One scored item; Earned and Ratio are null when the item does not apply.</summary>
public sealed record AssessmentItem(string Name, decimal Weight, decimal? Earned, decimal? Ratio, string Note);

/// <summary>A unit's score (0–100, 2 decimals, null when nothing applies) and rank among the units scored together.</summary>
public sealed record AssessmentScore(AssessmentInput Input, IReadOnlyList<AssessmentItem> Items, decimal? Total, int? Rank);
