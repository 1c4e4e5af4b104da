using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Gengbao.Server.Patrol;

/// <summary>GeoJSON geometry in and out of the patrol API (CGCS2000 longitude/latitude).</summary>
internal static class GeoJson
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };

    public static JsonNode? ToNode(Geometry geometry) => JsonSerializer.SerializeToNode(geometry, Options);

    public static Geometry? FromElement(JsonElement element)
    {
        try
        {
            return element.Deserialize<Geometry>(Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
