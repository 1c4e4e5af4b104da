using System.Text.Json;
using Gengbao.Import.Model;

namespace Gengbao.Import.GeoJson;

/// <summary>
/// First pass over the features: collects the property names in first-seen order and counts the JSON kinds each
/// one holds, then picks a type per field by majority, so that one stray "abc" among a thousand areas still
/// gives a Real field (and a <see cref="RawValue"/> for that feature) rather than turning the column into text.
/// </summary>
internal sealed class GeoJsonSchemaBuilder(string path)
{
    private sealed class Tally
    {
        public long Strings;
        public long Integers;
        public long Reals;
        public long Booleans;
        public long Containers;
    }

    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public long FeatureCount { get; private set; }

    /// <summary>Counts the properties of one feature (the JSON of one element of "features").</summary>
    public void Add(ReadOnlySpan<byte> feature, long index)
    {
        var reader = new Utf8JsonReader(feature);
        reader.Read(); // StartObject, checked by the walker
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("Feature"u8))
                {
                    throw new SourceFileException(path, null, $"features[{index}] is not a GeoJSON Feature (its type is not \"Feature\")");
                }
            }
            else if (reader.ValueTextEquals("properties"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    AddProperties(ref reader);
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    throw new SourceFileException(path, null, $"features[{index}]: 'properties' is neither an object nor null");
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        FeatureCount++;
    }

    private void AddProperties(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!_tallies.TryGetValue(name, out var tally))
            {
                tally = new Tally();
                _tallies.Add(name, tally);
                _order.Add(name);
            }
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    tally.Strings++;
                    break;
                case JsonTokenType.Number when IsInteger(ref reader):
                    tally.Integers++;
                    break;
                case JsonTokenType.Number:
                    tally.Reals++;
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    tally.Booleans++;
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    tally.Containers++;
                    reader.Skip();
                    break;
            }
        }
    }

    /// <summary>An integer is a number written without fraction or exponent that fits a long; "1.0" counts as real.</summary>
    private static bool IsInteger(ref Utf8JsonReader reader) => reader.TryGetInt64(out _);

    /// <summary>
    /// Text unless numbers or booleans outnumber the strings (objects and arrays count as text). Numbers give Integer
    /// when every one is a whole number without fraction or exponent, else Real. Ties go to Text, the type that holds anything.
    /// </summary>
    public IReadOnlyList<SourceField> Fields() => _order.Select(name =>
    {
        var t = _tallies[name];
        var text = t.Strings + t.Containers;
        var numbers = t.Integers + t.Reals;
        FieldType type;
        if (numbers > text && numbers >= t.Booleans)
        {
            type = t.Reals == 0 ? FieldType.Integer : FieldType.Real;
        }
        else if (t.Booleans > text && t.Booleans > numbers)
        {
            type = FieldType.Boolean;
        }
        else
        {
            type = FieldType.Text;
        }
        return new SourceField(name, type);
    }).ToArray();
}
