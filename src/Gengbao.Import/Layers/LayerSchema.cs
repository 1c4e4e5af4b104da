using Gengbao.Import.Model;

namespace Gengbao.Import.Layers;

/// <summary>
/// The standard fields of one one-map layer (docs/domain.md §2) and the layer names that identify it. Fields a file
/// has beyond these are kept as attributes, never dropped.
/// </summary>
public sealed record LayerSchema(LayerKind Kind, string Code, string ChineseName, string[] Names, IReadOnlyList<StandardColumn> Columns)
{
    /// <summary>The table that holds the layer.</summary>
    public string Table => Code.ToLowerInvariant();

    /// <summary>The column that identifies a feature uniquely within a county and year, if the layer has one.</summary>
    public StandardColumn? IdentifierColumn => Columns.FirstOrDefault(c => c.Identifier);

    /// <summary>The column holding the location-unit code used for roll-ups and for the spatial code, if any.</summary>
    public StandardColumn? LocationColumn => Columns.FirstOrDefault(c => c.Code is "ZLDWDM" or "XZQDM");
}
