namespace Gengbao.Demo.Generation;

/// <summary>The generated administrative hierarchy of the requested scope (whole prefecture or one county).</summary>
internal sealed class AdminModel(AdminUnit? prefecture, IReadOnlyList<AdminUnit> counties)
{
    /// <summary>The prefecture (JB 2); null when only one county is generated.</summary>
    public AdminUnit? Prefecture { get; } = prefecture;

    public IReadOnlyList<AdminUnit> Counties { get; } = counties;

    public IEnumerable<AdminUnit> Townships => Counties.SelectMany(c => c.Children);

    public IEnumerable<AdminUnit> Villages => Townships.SelectMany(t => t.Children);

    public IEnumerable<AdminUnit> Groups => Villages.SelectMany(v => v.Children);

    /// <summary>Every unit, top level first, each level by code: the XZQ layer's order.</summary>
    public IEnumerable<AdminUnit> All =>
        (Prefecture is null ? [] : new[] { Prefecture }).Concat(Counties).Concat(Townships).Concat(Villages).Concat(Groups);
}
