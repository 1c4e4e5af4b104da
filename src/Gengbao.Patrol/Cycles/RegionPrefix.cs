using Gengbao.Geo.Codes;

namespace Gengbao.Patrol.Cycles;

/// <summary>
/// The code prefix that selects a region's cells: an admin code cut to its significant digits (622921000000 →
/// 622921, 622921100000 → 622921100); a shorter digit string is taken as a prefix already. Listing by region is
/// <c>starts_with(cell_code, prefix)</c>, and its first 6 digits (when present) pin the county, the sharding key.
/// </summary>
public static class RegionPrefix
{
    /// <summary>The prefix, or <see cref="ArgumentException"/> for non-digits.</summary>
    public static string Of(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        region = region.Trim();
        if (!region.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"region '{region}' must be digits (an admin code or its leading digits)", nameof(region));
        }
        if (region.Length is not (12 or 15 or 19))
        {
            return region;
        }
        return AdminCode.LevelOf(region) switch
        {
            AdminLevel.Province => region[..2],
            AdminLevel.Prefecture => region[..4],
            AdminLevel.County => region[..6],
            AdminLevel.Township => region[..9],
            AdminLevel.Village => region[..12],
            _ => region,
        };
    }

    /// <summary>The county the prefix lies in, when it is at least 6 digits long.</summary>
    public static string? CountyOf(string prefix) => prefix.Length >= 6 ? prefix[..6] : null;
}
