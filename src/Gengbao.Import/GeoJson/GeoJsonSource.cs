using System.Text.Json;
using Gengbao.Import.Model;

namespace Gengbao.Import.GeoJson;

/// <summary>Opens GeoJSON FeatureCollection files without loading them whole.</summary>
public static class GeoJsonSource
{
    /// <summary>
    /// Reads <paramref name="path"/> once to check its structure, count its features and infer its fields (property
    /// names in first-seen order, each typed by the kind most of its values have: whole numbers → Integer, numbers →
    /// Real, booleans → Boolean, otherwise Text), and returns a layer that streams the features on each read.
    /// Nesting deeper than 64 levels is refused.
    /// </summary>
    /// <remarks>
    /// CRS: a legacy top-level "crs" member gives <see cref="SourceLayer.CrsDefinition"/> (its name, "EPSG:n" or link)
    /// and, when it names an EPSG code, <see cref="SourceLayer.Epsg"/>. Without "crs" the file is RFC 7946 GeoJSON,
    /// WGS 84 longitude/latitude by definition: CrsDefinition is "RFC 7946 default (WGS 84)" and Epsg stays null for
    /// the caller to accept or refuse. "crs": null declares the CRS unknown: both stay null.
    /// The layer name is the top-level "name" member, else the file name without extension.
    /// </remarks>
    /// <exception cref="SourceFileException">The file is missing, not JSON, not a FeatureCollection, or nested too deep.</exception>
    public static SourceLayer Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new SourceFileException(path, null, "file not found");
        }
        var schema = new GeoJsonSchemaBuilder(path);
        string? name = null;
        var hasCrs = false;
        (int? Epsg, string? Definition) crs = (null, null);
        foreach (var item in GeoJsonWalker.Walk(path))
        {
            switch (item.Name)
            {
                case null:
                    schema.Add(item.Json.Span, item.FeatureIndex);
                    break;
                case "type" when item.Kind != JsonTokenType.String || !item.Json.Span.SequenceEqual("\"FeatureCollection\""u8):
                    throw new SourceFileException(path, null,
                        $"not a GeoJSON FeatureCollection: its type is {System.Text.Encoding.UTF8.GetString(item.Json.Span)}; only FeatureCollection files are read");
                case "name" when item.Kind == JsonTokenType.String:
                    name = JsonSerializer.Deserialize<string>(item.Json.Span);
                    break;
                case "crs":
                    using (var document = JsonDocument.Parse(item.Json))
                    {
                        crs = GeoJsonCrs.Parse(document.RootElement);
                    }
                    hasCrs = true;
                    break;
            }
        }
        return new GeoJsonLayer
        {
            SourcePath = path,
            Name = string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(path) : name,
            Fields = schema.Fields(),
            Epsg = hasCrs ? crs.Epsg : null,
            CrsDefinition = hasCrs ? crs.Definition : GeoJsonCrs.Rfc7946Default,
            FeatureCount = schema.FeatureCount,
        };
    }
}
