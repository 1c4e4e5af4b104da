namespace Gengbao.Screening;

/// <summary>How much of a change patch one approval covers.</summary>
/// <param name="Number">Approval number <c>PZWH</c>.</param>
/// <param name="Type">Approval type <c>PZLX</c>.</param>
/// <param name="Area">Area of the patch inside this approval, m², unrounded.</param>
/// <param name="Share">Area / patch area, 0–1.</param>
public sealed record ApprovalCoverage(string Number, string Type, double Area, double Share);
