using NetTopologySuite.Geometries;

namespace Gengbao.Import.Model;

/// <summary>
/// One feature as read from a file: its id in the source (GeoPackage fid, shapefile record number, GeoJSON index),
/// geometry in the layer's CRS (null when the source has none), and values aligned with the layer's fields.
/// Values are null, or the CLR type of <see cref="FieldType"/>; a value the reader could not convert is kept as the
/// raw text in a <see cref="RawValue"/> so validation can name it.
/// </summary>
public sealed class SourceFeature(long fid, Geometry? geometry, object?[] values)
{
    public long Fid { get; } = fid;
    public Geometry? Geometry { get; } = geometry;
    public object?[] Values { get; } = values;
}

/// <summary>A value the reader could not convert to its declared type (e.g. text in a numeric DBF field).</summary>
public sealed record RawValue(string Text);
