namespace Gengbao.Screening.Comparison;

/// <summary>
/// One cell of a village's land-use transfer matrix: the 12-digit village code (the first 12 digits of the before
/// parcel's <c>ZLDWDM</c>, docs/domain.md §3.2), the class before and after, and the area in m².
/// </summary>
public sealed record TransferMatrixRow(string Village, string FromClass, string ToClass, double Area);
