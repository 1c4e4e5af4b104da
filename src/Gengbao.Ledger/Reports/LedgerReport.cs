using Gengbao.Ledger.Accounts;
using Gengbao.Ledger.Assessment;
using Gengbao.Ledger.Balance;

namespace Gengbao.Ledger.Reports;

/// <summary>
/// The statistical report of one unit and period (docs/ledger.md §6): the unit's ledger first, then its child units'.
/// Sheets 总账, 流入, 流出, 专项, 平衡核算, 占补平衡, 进出平衡, 考核; areas in 亩 (2 decimals) with the totals also in m²
/// and 万亩 (4 decimals), rounded by <see cref="AreaUnits"/>.
/// </summary>
/// <param name="Unit">The report's unit (first of <see cref="Ledgers"/>).</param>
/// <param name="Period">"2024年" or "2024年第3季度".</param>
/// <param name="Ledgers">The unit's ledger, then its children's.</param>
/// <param name="Assessment">Scores of the child units (or the unit itself when it has none), ranked.</param>
/// <param name="GeneratedAt">When made (passed in: the core has no clock).</param>
public sealed record LedgerReport(UnitLedger Unit, string Period, IReadOnlyList<UnitLedger> Ledgers, IReadOnlyList<AssessmentScore> Assessment, DateTimeOffset GeneratedAt)
{
    /// <summary>The report's title, e.g. "临夏县耕地资源一本账统计报表(2024年)".</summary>
    public string Title => $"{Unit.UnitName}耕地资源一本账统计报表({Period})";

    /// <summary>The sheets in order.</summary>
    public IReadOnlyList<ReportSheet> Sheets() =>
    [
        Sheet("总账", "耕地资源总账", ["单位代码", "单位名称", "耕地(m²)", "耕地(亩)", "耕地(万亩)", "水田(亩)", "水浇地(亩)", "旱地(亩)", "耕地图斑数", "永久基本农田(亩)", "永久基本农田(万亩)", "高标准农田(亩)", "稳定耕地(亩)"],
            l => [l.UnitCode, l.UnitName, AreaUnits.SquareMetres(l.Stock.Cultivated), Mu(l.Stock.Cultivated), AreaUnits.WanMu(l.Stock.Cultivated), Mu(l.Stock.Paddy), Mu(l.Stock.Irrigated), Mu(l.Stock.Dry),
                  l.Stock.CultivatedCount, Mu(l.Stock.Pbf), AreaUnits.WanMu(l.Stock.Pbf), Mu(l.Stock.HighStandard), Mu(l.Stock.Stable)]),
        Sheet("流入", "耕地资源进账(按来源地类)", [.. (string[])["单位代码", "单位名称", "对比年度", "流入合计(亩)"], .. FlowClasses.All.Select(c => FlowClasses.Label(c) + "(亩)"), "补充耕地项目(亩)"],
            l => [l.UnitCode, l.UnitName, Years(l), Flow(l.Inflow, null), .. FlowClasses.All.Select(c => Flow(l.Inflow, c)), Mu(l.SupplementaryProjects)]),
        Sheet("流出", "耕地资源出账(按去向地类)", [.. (string[])["单位代码", "单位名称", "对比年度", "流出合计(亩)"], .. FlowClasses.All.Select(c => FlowClasses.Label(c) + "(亩)")],
            l => [l.UnitCode, l.UnitName, Years(l), Flow(l.Outflow, null), .. FlowClasses.All.Select(c => Flow(l.Outflow, c))]),
        Sheet("专项", "耕地资源专账", ["单位代码", "单位名称", "永久基本农田(亩)", "永久基本农田变化(亩)", "高标准农田(亩)", "高标准农田变化(亩)", "粮食生产功能区(亩)", "整治中耕地(亩)"],
            l => [l.UnitCode, l.UnitName, Mu(l.Special.Pbf), Mu(l.Special.PbfChange), Mu(l.Special.HighStandard), Mu(l.Special.HighStandardChange), "无图层", "无图层"]),
        Sheet("平衡核算", "上年耕地 + 流入 − 流出 = 本年耕地", ["单位代码", "单位名称", "上年耕地(m²)", "流入(m²)", "流出(m²)", "本年耕地(m²)", "差额(m²)", "说明"],
            l => l.Identity is { } i
                ? [l.UnitCode, l.UnitName, i.Before, i.Inflow, i.Outflow, i.After, i.Gap, i.Explanation]
                : [l.UnitCode, l.UnitName, l.BeforeStock?.Cultivated, null, null, l.Stock.Cultivated, null, string.Join(";", l.Missing)]),
        BalanceSheet("占补平衡", "耕地占补平衡(建设占用 vs 新增耕地)", BalanceKind.OccupationCompensation),
        BalanceSheet("进出平衡", "耕地进出平衡(流向其他农用地 vs 其他农用地流入)", BalanceKind.InOut),
        new ReportSheet("考核", "耕地保护目标责任考核(规则见 docs/ledger.md §5)",
            ["排名", "单位代码", "单位名称", "得分", "耕地保有量", "永久基本农田", "巡田完成率", "案件办结率", "说明"],
            [.. Assessment.Select(s => (IReadOnlyList<object?>)[s.Rank, s.Input.UnitCode, s.Input.UnitName, s.Total,
                s.Items[0].Earned, s.Items[1].Earned, s.Items[2].Earned, s.Items[3].Earned, string.Join(";", s.Items.Select(i => i.Name + ":" + i.Note))])]),
    ];

    private ReportSheet Sheet(string name, string title, IReadOnlyList<string> headers, Func<UnitLedger, IReadOnlyList<object?>> row) =>
        new(name, title, headers, [.. Ledgers.Select(row)]);

    private ReportSheet BalanceSheet(string name, string title, BalanceKind kind) =>
        new(name, title, ["单位代码", "单位名称", "流出(亩)", "流入(亩)", "登记补充耕地(亩)", "缺口(亩)", "是否平衡"],
            [.. Ledgers.Select(l => BalanceCheck.Of(l)?.Single(b => b.Kind == kind) is { } b
                ? (IReadOnlyList<object?>)[l.UnitCode, l.UnitName, Mu(b.Out), Mu(b.In), Mu(b.Recorded), Mu(b.Shortfall), b.Balanced ? "平衡" : "缺口"]
                : [l.UnitCode, l.UnitName, null, null, null, null, "缺少年度对比"])]);

    private static object? Mu(decimal? m2) => m2 is { } v ? AreaUnits.Mu(v) : null;

    private static object? Flow(FlowAccount? account, FlowClass? c) => account is null ? null : AreaUnits.Mu(c is { } k ? account[k] : account.Total);

    private static string Years(UnitLedger l) => l.BeforeYear is { } b ? $"{b}→{l.Year}" : "无上年数据";
}
