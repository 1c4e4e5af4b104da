using System.Text.Json;

namespace Gengbao.Import.GeoJson;

/// <summary>
/// One piece of a FeatureCollection as the walker meets it: a top-level member (<see cref="Name"/> set: "type",
/// "crs", "name"…) or one element of "features" (<see cref="Name"/> null, <see cref="FeatureIndex"/> its 0-based
/// position). <see cref="Json"/> is the value's UTF-8 text, valid only until the walk moves on.
/// </summary>
internal readonly record struct GeoJsonItem(string? Name, long FeatureIndex, ReadOnlyMemory<byte> Json, JsonTokenType Kind);

/// <summary>Walks a GeoJSON FeatureCollection file top-level member by member and feature by feature, streaming.</summary>
internal static class GeoJsonWalker
{
    public static IEnumerable<GeoJsonItem> Walk(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceFileException(path, null, $"cannot be opened: {e.Message}", e);
        }
        using (stream)
        {
            if (stream.Length == 0)
            {
                throw new SourceFileException(path, null, "the file is empty");
            }
            var json = new JsonChunkReader(stream, path);
            if (json.ReadToken(out _) != JsonTokenType.StartObject)
            {
                throw new SourceFileException(path, null, "not a GeoJSON FeatureCollection: the file does not hold a JSON object");
            }
            var sawFeatures = false;
            while (json.ReadToken(out var name) == JsonTokenType.PropertyName)
            {
                if (name != "features")
                {
                    var value = json.ReadValue();
                    yield return new GeoJsonItem(name, -1, value, json.TokenType);
                    continue;
                }
                if (json.ReadToken(out _) != JsonTokenType.StartArray)
                {
                    throw new SourceFileException(path, null, "the 'features' member is not an array");
                }
                sawFeatures = true;
                for (long index = 0; ; index++)
                {
                    var feature = json.ReadValue();
                    if (json.TokenType == JsonTokenType.EndArray)
                    {
                        break;
                    }
                    if (json.TokenType != JsonTokenType.StartObject)
                    {
                        throw new SourceFileException(path, null, $"features[{index}] is not a JSON object");
                    }
                    yield return new GeoJsonItem(null, index, feature, JsonTokenType.StartObject);
                }
            }
            if (!sawFeatures)
            {
                throw new SourceFileException(path, null, "not a GeoJSON FeatureCollection: there is no 'features' array");
            }
        }
    }
}
