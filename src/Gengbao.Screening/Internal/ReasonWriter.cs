using System.Globalization;
using System.Text;
using Gengbao.Geo.Area;

namespace Gengbao.Screening.Internal;

/// <summary>
/// The human-readable reason of a screening result: Chinese first, then English, then the approvals with the share of
/// the patch each covers, e.g. "未批占用耕地 1234.56 m²（其中永久基本农田 800.00 m²），图斑 54.2% 未被批文覆盖；非农化 /
/// unapproved occupation of cultivated land 1234.56 m² (permanent basic farmland 800.00 m²), 54.2% of the patch not
/// covered by approvals; non-agricultural use; approvals: 临夏政土批〔2015〕105号 (NZY) covers 45.8%".
/// </summary>
internal static class ReasonWriter
{
    public static string Write(PatchScreening r, ChangePatch patch)
    {
        var text = new StringBuilder(160);
        var change = patch.BeforeClass is { } b && patch.AfterClass is { } a ? $" {b.Trim()}→{a.Trim()}" : "";
        if (EllipsoidalArea.Round(r.CultivatedArea) == 0)
        {
            text.Append("未占用耕地 / occupies no cultivated land");
        }
        else if (r.Class == ScreeningClass.Green)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"占用耕地 {M2(r.CultivatedArea)} m²，批文覆盖图斑 {Percent(r.ApprovedArea, r.PatchArea)} / ");
            text.Append(CultureInfo.InvariantCulture,
                $"occupies {M2(r.CultivatedArea)} m² of cultivated land, approvals cover {Percent(r.ApprovedArea, r.PatchArea)} of the patch");
        }
        else
        {
            var uncovered = Percent(r.UncoveredArea, r.PatchArea);
            text.Append(CultureInfo.InvariantCulture,
                $"未批占用耕地 {M2(r.UnapprovedCultivatedArea)} m²（其中永久基本农田 {M2(r.UnapprovedPermanentBasicFarmlandArea)} m²），图斑 {uncovered} 未被批文覆盖");
            AppendTags(text, r.Tags, change, chinese: true);
            text.Append(CultureInfo.InvariantCulture,
                $" / unapproved occupation of cultivated land {M2(r.UnapprovedCultivatedArea)} m² (permanent basic farmland {M2(r.UnapprovedPermanentBasicFarmlandArea)} m²), {uncovered} of the patch not covered by approvals");
            AppendTags(text, r.Tags, change, chinese: false);
        }
        text.Append("; approvals: ");
        if (r.Approvals.Count == 0)
        {
            text.Append("none");
        }
        for (var i = 0; i < r.Approvals.Count; i++)
        {
            var approval = r.Approvals[i];
            text.Append(i == 0 ? "" : ", ").Append(approval.Number);
            if (approval.Type.Length > 0)
            {
                text.Append(" (").Append(approval.Type).Append(')');
            }
            text.Append(" covers ").Append(Percent(approval.Area, r.PatchArea));
        }
        return text.ToString();
    }

    private static void AppendTags(StringBuilder text, ScreeningTags tags, string change, bool chinese)
    {
        if (tags.HasFlag(ScreeningTags.NonAgricultural))
        {
            text.Append(chinese ? "；非农化" : "; non-agricultural use").Append(change);
        }
        if (tags.HasFlag(ScreeningTags.NonGrain))
        {
            text.Append(chinese ? "；非粮化" : "; non-grain use").Append(change);
        }
    }

    private static string M2(double area) => EllipsoidalArea.Round(area).ToString("F2", CultureInfo.InvariantCulture);

    private static string Percent(double part, double whole) =>
        (whole > 0 ? Math.Round(100 * part / whole, 1, MidpointRounding.AwayFromZero) : 0).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
