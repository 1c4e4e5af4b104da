using System.Text.Json;
using Gengbao.Import.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Gengbao.Import.GeoJson;

/// <summary>
/// The features of a GeoJSON FeatureCollection file, streamed from disk on each <see cref="ReadFeatures"/>.
/// Feature ids are the 0-based positions in "features" (as GDAL numbers them), not the features' "id" members.
/// </summary>
/// <remarks>
/// Values are converted to the field type the first pass inferred. Null stays null. A Text field takes any value,
/// non-strings as their JSON text. In an Integer, Real or Boolean field, a value of another kind (a string in a
/// number field, a fraction in an integer field, a number too large for a double) becomes a <see cref="RawValue"/>
/// with its text.
/// </remarks>
public sealed class GeoJsonLayer : SourceLayer
{
    private static readonly JsonSerializerOptions GeometryOptions = new()
    {
        Converters = { new GeoJsonConverterFactory() },
        MaxDepth = JsonChunkReader.MaxNesting,
    };

    public override IEnumerable<SourceFeature> ReadFeatures()
    {
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Fields.Count; i++)
        {
            lookup.TryAdd(Fields[i].Name, i);
        }
        foreach (var item in GeoJsonWalker.Walk(SourcePath))
        {
            if (item.Name is null)
            {
                yield return ReadFeature(item.Json, item.FeatureIndex, lookup);
            }
        }
    }

    private SourceFeature ReadFeature(ReadOnlyMemory<byte> json, long index, Dictionary<string, int> lookup)
    {
        // The document borrows the walker's buffer; it is used up before the walk moves on.
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = JsonChunkReader.MaxNesting });
        var root = document.RootElement;
        var values = new object?[Fields.Count];
        if (root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (lookup.TryGetValue(property.Name, out var i))
                {
                    values[i] = Convert(property.Value, Fields[i].Type);
                }
            }
        }
        Geometry? geometry = null;
        if (root.TryGetProperty("geometry", out var element) && element.ValueKind != JsonValueKind.Null)
        {
            try
            {
                geometry = element.Deserialize<Geometry>(GeometryOptions);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
            {
                throw new SourceFileException(SourcePath, Name, $"feature {index}: the geometry is not valid GeoJSON: {e.Message}", e);
            }
            if (geometry is not null && Epsg is { } epsg)
            {
                geometry.SRID = epsg;
            }
        }
        return new SourceFeature(index, geometry, values);
    }

    private static object? Convert(JsonElement value, FieldType type)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        switch (type)
        {
            case FieldType.Text:
                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            case FieldType.Integer when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var integer):
                return integer;
            case FieldType.Real when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var real) && double.IsFinite(real):
                return real;
            case FieldType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return value.GetBoolean();
        }
        return new RawValue(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
    }
}
