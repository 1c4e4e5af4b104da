using NetTopologySuite.Geometries;

namespace Gengbao.Screening.Comparison;

/// <summary>
/// One land-use parcel (DLTB) of a survey year as the comparison sees it: its id in the source (GeoPackage fid), its
/// class code <c>DLBM</c>, its location code <c>ZLDWDM</c> (12 or 19 digits, docs/domain.md §3.2) and its polygonal
/// geometry in the run's Gauss–Krüger zone (metres).
/// </summary>
public sealed record ComparisonParcel(long Id, string LandClassCode, string LocationCode, Geometry Geometry);
