using NetTopologySuite.Geometries;

namespace Gengbao.Screening;

/// <summary>
/// A land-use approval (批准用地, layer <c>PZYD</c>): agricultural-land conversion, land supply, temporary use, facility
/// agricultural land filing and the like (domain.md §8.2). Approvals may overlap each other.
/// </summary>
/// <param name="Id">Feature id in the source, for error messages.</param>
/// <param name="Number">Approval document number <c>PZWH</c>, e.g. 临夏政土批〔2015〕105号.</param>
/// <param name="Type">Approval type <c>PZLX</c> as the source codes it (e.g. NZY, GD, LSYD, SSNYD).</param>
/// <param name="Geometry">Polygon or MultiPolygon in the run's Gauss–Krüger zone.</param>
public sealed record Approval(long Id, string Number, string Type, Geometry Geometry);
