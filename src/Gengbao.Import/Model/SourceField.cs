namespace Gengbao.Import.Model;

/// <summary>One attribute column of a source layer, named as the file names it (case kept).</summary>
public sealed record SourceField(string Name, FieldType Type);
