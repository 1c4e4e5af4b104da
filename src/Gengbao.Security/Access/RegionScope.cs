namespace Gengbao.Security.Access;

/// <summary>
/// Where a user may read and write: an admin-code prefix (docs/domain.md §3.2). "" is the whole country (system
/// admins), 2 digits a province, 4 a prefecture, 6 a county, 9 a township, 12 a village. A row belongs to the scope
/// when its admin code starts with the prefix.
/// </summary>
public readonly record struct RegionScope
{
    private readonly string? _prefix;

    private RegionScope(string prefix) => _prefix = prefix;

    /// <summary>The whole country.</summary>
    public static RegionScope Country { get; } = new("");

    /// <summary>The admin-code prefix: "" or 2, 4, 6, 9 or 12 ASCII digits.</summary>
    public string Prefix => _prefix ?? "";

    public bool IsCountry => Prefix.Length == 0;

    /// <summary>Parses a region code; null, blank or "*" is the whole country.</summary>
    /// <exception cref="FormatException">Not 2, 4, 6, 9 or 12 ASCII digits.</exception>
    public static RegionScope Parse(string? code) => TryParse(code, out var scope)
        ? scope
        : throw new FormatException($"'{code}' is not a region: an admin code of 2, 4, 6, 9 or 12 digits, or empty for the whole country");

    public static bool TryParse(string? code, out RegionScope scope)
    {
        var text = code?.Trim() ?? "";
        if (text is "" or "*")
        {
            scope = Country;
            return true;
        }
        if (text.Length is 2 or 4 or 6 or 9 or 12 && text.All(char.IsAsciiDigit))
        {
            scope = new RegionScope(text);
            return true;
        }
        scope = default;
        return false;
    }

    /// <summary>True when the admin code (county, township, village or group code, any length) lies inside this region.</summary>
    public bool Covers(string? code) =>
        code is not null && Prefix.Length <= code.Length && code.StartsWith(Prefix ?? "", StringComparison.Ordinal);

    /// <summary>True when every code of <paramref name="other"/> lies inside this region.</summary>
    public bool Contains(RegionScope other) => Covers(other.Prefix);

    /// <summary>The value of the database setting <c>gengbao.region</c> for this scope: "all" for the country, else the prefix.</summary>
    public string SettingValue => IsCountry ? "all" : Prefix;

    public override string ToString() => IsCountry ? "(country)" : Prefix;
}
