using NetTopologySuite.Geometries;

namespace Gengbao.Import.Validation;

/// <summary>
/// A feature that passed validation, mapped onto its layer's schema: a MultiPolygon in the layer's CRS, the standard
/// values aligned with <see cref="Layers.LayerSchema.Columns"/> (string, long, decimal or DateOnly) and every
/// other attribute of the source kept by its original name.
/// </summary>
public sealed record LayerRow(long Fid, MultiPolygon Geometry, object?[] Values, IReadOnlyDictionary<string, object?> Extra);
