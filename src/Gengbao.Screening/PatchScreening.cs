namespace Gengbao.Screening;

/// <summary>
/// The screening result of one change patch. Areas are ellipsoidal m² measured as <see cref="ScreeningRules.AreaMethod"/>
/// says, unrounded (round with <see cref="Gengbao.Geo.Area.EllipsoidalArea.Round"/> for reports).
/// </summary>
/// <param name="Id">The change patch's feature id.</param>
/// <param name="MonitoringNumber"><c>JCBH</c>.</param>
/// <param name="PatchArea">Area of the change patch.</param>
/// <param name="CultivatedArea"><c>gd_mj</c>: overlap with cultivated land (DLTB 0101/0102/0103).</param>
/// <param name="PermanentBasicFarmlandArea"><c>yjjbnt_mj</c>: overlap with permanent basic farmland.</param>
/// <param name="HighStandardFarmlandArea"><c>gbznt_mj</c>: overlap with high-standard farmland.</param>
/// <param name="ApprovedArea"><c>pzyd_mj</c>: overlap with the union of all approvals.</param>
/// <param name="UnapprovedCultivatedArea">Cultivated overlap outside every approval.</param>
/// <param name="UnapprovedPermanentBasicFarmlandArea">Permanent basic farmland overlap outside every approval.</param>
/// <param name="Class">Green or yellow (the engine never sets red).</param>
/// <param name="Tags">Non-agricultural / non-grain use of cultivated land.</param>
/// <param name="Approvals">Every approval that touches the patch, largest coverage first, then by number.</param>
/// <param name="ApprovedAreaByType">Overlap with the union of the approvals of each type, by type (ordinal).</param>
/// <param name="Reason">Why the patch got its class, in Chinese and English, naming the approvals.</param>
public sealed record PatchScreening(
    long Id,
    string MonitoringNumber,
    double PatchArea,
    double CultivatedArea,
    double PermanentBasicFarmlandArea,
    double HighStandardFarmlandArea,
    double ApprovedArea,
    double UnapprovedCultivatedArea,
    double UnapprovedPermanentBasicFarmlandArea,
    ScreeningClass Class,
    ScreeningTags Tags,
    IReadOnlyList<ApprovalCoverage> Approvals,
    IReadOnlyList<KeyValuePair<string, double>> ApprovedAreaByType,
    string Reason)
{
    /// <summary>Patch area not covered by any approval (≥ 0).</summary>
    public double UncoveredArea => Math.Max(0, PatchArea - ApprovedArea);
}
