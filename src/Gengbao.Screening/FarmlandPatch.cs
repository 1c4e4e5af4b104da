using NetTopologySuite.Geometries;

namespace Gengbao.Screening;

/// <summary>
/// A patch of protected farmland: permanent basic farmland (永久基本农田, layer <c>YJJBNT</c>) or a high-standard
/// farmland project (高标准农田, layer <c>GBZNT</c>). Patches of one layer must not overlap each other, because the
/// overlap with a change patch is the sum over the pieces (as in the PostGIS reference).
/// </summary>
/// <param name="Id">Feature id in the source, for error messages.</param>
/// <param name="Geometry">Polygon or MultiPolygon in the run's Gauss–Krüger zone.</param>
public sealed record FarmlandPatch(long Id, Geometry Geometry);
