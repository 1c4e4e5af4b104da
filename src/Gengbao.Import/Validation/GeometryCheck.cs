using NetTopologySuite.Geometries;

namespace Gengbao.Import.Validation;

/// <summary>The outcome of checking one feature's geometry: the MultiPolygon to store, or the problem found.</summary>
public readonly record struct GeometryCheck(MultiPolygon? Geometry, ImportProblem? Problem);
