using NpgsqlTypes;

namespace Gengbao.Storage.OneMap;

/// <summary>A column of a one-map table filled from a standard field (by index into the layer row's values).</summary>
internal sealed record TargetColumn(string Name, NpgsqlDbType Type, int ValueIndex);
