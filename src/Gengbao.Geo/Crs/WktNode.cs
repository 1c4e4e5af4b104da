namespace Gengbao.Geo.Crs;

/// <summary>
/// One <c>KEYWORD[...]</c> element of a WKT CRS definition. Arguments are split by kind because every element we
/// interpret has at most one name, a few numbers and nested elements, in a fixed order within each kind.
/// </summary>
internal sealed class WktNode(string keyword)
{
    /// <summary>Keyword in upper case (WKT keywords are case-insensitive).</summary>
    public string Keyword { get; } = keyword.ToUpperInvariant();

    /// <summary>Quoted strings in order, e.g. the name.</summary>
    public List<string> Texts { get; } = [];

    /// <summary>Numbers in order.</summary>
    public List<double> Numbers { get; } = [];

    /// <summary>Bare words such as <c>NORTH</c> or <c>Cartesian</c>.</summary>
    public List<string> Words { get; } = [];

    /// <summary>Nested elements in order.</summary>
    public List<WktNode> Children { get; } = [];

    /// <summary>The first quoted string, which is the name for every named element; empty when absent.</summary>
    public string Name => Texts.Count > 0 ? Texts[0] : string.Empty;

    /// <summary>The first direct child with one of the keywords, or null.</summary>
    public WktNode? Child(params ReadOnlySpan<string> keywords)
    {
        foreach (var child in Children)
        {
            foreach (var keyword in keywords)
            {
                if (child.Keyword == keyword)
                {
                    return child;
                }
            }
        }
        return null;
    }

    /// <summary>All direct children with the keyword.</summary>
    public IEnumerable<WktNode> ChildrenNamed(string keyword) => Children.Where(c => c.Keyword == keyword);
}
