namespace Gengbao.Import.Model;

/// <summary>
/// A layer of a source file, opened for reading. <see cref="ReadFeatures"/> streams features so that
/// files of millions of patches never sit in memory at once.
/// </summary>
public abstract class SourceLayer : IDisposable
{
    /// <summary>Path of the file (or folder) the layer comes from, for error messages.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Layer name as in the file (GeoPackage table, shapefile base name, GeoJSON name).</summary>
    public required string Name { get; init; }

    public required IReadOnlyList<SourceField> Fields { get; init; }

    /// <summary>EPSG code of the layer's CRS when the file declares one we recognise; null when missing.</summary>
    public int? Epsg { get; init; }

    /// <summary>The CRS text as the file declares it (WKT, GeoJSON crs name), for error messages and identification.</summary>
    public string? CrsDefinition { get; init; }

    /// <summary>Feature count when the format knows it (a format may count on first use), else null.</summary>
    public virtual long? FeatureCount { get; init; }

    public int FieldIndex(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    public abstract IEnumerable<SourceFeature> ReadFeatures();

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
