using NetTopologySuite.Geometries;

namespace Gengbao.Screening;

/// <summary>
/// A satellite-monitoring change patch (变化图斑, layer <c>BHTB</c>, domain.md §2.6) to be screened.
/// </summary>
/// <param name="Id">Feature id in the source (GeoPackage fid), used to name the feature in errors.</param>
/// <param name="MonitoringNumber">Monitoring number <c>JCBH</c>; results are ordered by it (ordinal).</param>
/// <param name="Geometry">Polygon or MultiPolygon in the run's Gauss–Krüger zone (metres, easting with the zone's false easting).</param>
/// <param name="BeforeClass">Land class before the change, <c>QSXDL</c> (a 三调 DLBM code), or null when unknown.</param>
/// <param name="AfterClass">Land class after the change, <c>HSXDL</c>, or null when unknown.</param>
public sealed record ChangePatch(long Id, string MonitoringNumber, Geometry Geometry, string? BeforeClass, string? AfterClass);
