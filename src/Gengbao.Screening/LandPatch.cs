using NetTopologySuite.Geometries;

namespace Gengbao.Screening;

/// <summary>
/// A land-use patch of the base survey (地类图斑, layer <c>DLTB</c>). Only cultivated classes (0101, 0102, 0103,
/// domain.md §1.3) count towards the cultivated overlap; other patches may be passed and are ignored, but a caller
/// that can filter by <c>DLBM</c> before reading geometry saves the work. Patches must not overlap each other.
/// </summary>
/// <param name="Id">Feature id in the source, for error messages.</param>
/// <param name="LandClassCode">Land class <c>DLBM</c> as text.</param>
/// <param name="Geometry">Polygon or MultiPolygon in the run's Gauss–Krüger zone.</param>
public sealed record LandPatch(long Id, string LandClassCode, Geometry Geometry);
