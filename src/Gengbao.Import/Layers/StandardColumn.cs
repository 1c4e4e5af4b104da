namespace Gengbao.Import.Layers;

/// <summary>
/// A field the standards name (e.g. DLBM), stored in its own table column named in lower case. Aliases are the
/// names older surveys or other tools use for the same field (TKXS for KCXS, JSMJ for MJ).
/// </summary>
public sealed record StandardColumn(string Code, ColumnKind Kind, bool Required = false, bool Identifier = false, params string[] Aliases)
{
    /// <summary>The database column name: the standard code in lower case.</summary>
    public string Column => Code.ToLowerInvariant();
}
