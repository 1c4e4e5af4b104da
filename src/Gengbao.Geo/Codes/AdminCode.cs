using System.Diagnostics.CodeAnalysis;

namespace Gengbao.Geo.Codes;

/// <summary>
/// Administrative division codes as text (domain.md §3): 6 digits county (GB/T 2260), 9 township, 12 village
/// (统计用区划代码 structure 2-2-2-3-3), 15 village group, 19 the land-survey ZLDWDM/QSDWDM (12-digit village plus
/// 7 digits whose leading 2–3 carry the group number). Trailing zero blocks name a higher level: a 12-digit
/// <c>xxxx00000000</c> is a prefecture, <c>xxxxxx000000</c> a county, <c>xxxxxxxxx000</c> a township.
/// </summary>
public static class AdminCode
{
    /// <summary>
    /// True for a string of ASCII digits of length 6, 9, 12, 15 or 19; otherwise false with <paramref name="problem"/>
    /// saying why, e.g. "admin code '6229211002' has 10 digits; expected 6, 9, 12, 15 or 19".
    /// </summary>
    public static bool IsWellFormed([NotNullWhen(true)] string? code, [NotNullWhen(false)] out string? problem)
    {
        if (string.IsNullOrEmpty(code))
        {
            problem = "admin code is empty";
            return false;
        }
        for (var i = 0; i < code.Length; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                problem = $"admin code '{code}' has '{code[i]}' at position {i + 1}; only digits are allowed";
                return false;
            }
        }
        if (code.Length is not (6 or 9 or 12 or 15 or 19))
        {
            problem = $"admin code '{code}' has {code.Length} digits; expected 6, 9, 12, 15 or 19";
            return false;
        }
        problem = null;
        return true;
    }

    /// <summary>
    /// The level a well-formed code names, reading trailing zero blocks as a higher level (e.g. 622921000000 is a
    /// county, 6229211002010000000 a village-level ZLDWDM). <see cref="ArgumentException"/> for a malformed code.
    /// </summary>
    public static AdminLevel LevelOf(string code)
    {
        Require(code, 6);
        if (code.Length is 15 or 19 && !IsZeros(code, 12))
        {
            return AdminLevel.Group;
        }
        var head = code.Length >= 12 ? code.AsSpan(0, 12) : code.AsSpan();
        if (IsZeros(head, 2))
        {
            return AdminLevel.Province;
        }
        if (IsZeros(head, 4))
        {
            return AdminLevel.Prefecture;
        }
        if (IsZeros(head, 6))
        {
            return AdminLevel.County;
        }
        if (IsZeros(head, 9))
        {
            return AdminLevel.Township;
        }
        return AdminLevel.Village;
    }

    /// <summary>The county part, the first 6 digits. <see cref="ArgumentException"/> for a malformed code.</summary>
    public static string CountyOf(string code) => Require(code, 6)[..6];

    /// <summary>The township part, the first 9 digits (left(code, 9) roll-ups). Needs a code of 9 or more digits.</summary>
    public static string TownshipOf(string code) => Require(code, 9)[..9];

    /// <summary>The village part, the first 12 digits (left(code, 12) roll-ups). Needs a code of 12 or more digits.</summary>
    public static string VillageOf(string code) => Require(code, 12)[..12];

    private static string Require(string code, int minimumLength)
    {
        if (!IsWellFormed(code, out var problem))
        {
            throw new ArgumentException(problem, nameof(code));
        }
        if (code.Length < minimumLength)
        {
            throw new ArgumentException($"admin code '{code}' has {code.Length} digits; at least {minimumLength} are needed", nameof(code));
        }
        return code;
    }

    private static bool IsZeros(ReadOnlySpan<char> code, int from)
    {
        foreach (var c in code[from..])
        {
            if (c != '0')
            {
                return false;
            }
        }
        return true;
    }
}
