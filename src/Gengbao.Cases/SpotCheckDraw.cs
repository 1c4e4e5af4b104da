using System.Security.Cryptography;
using System.Text;

namespace Gengbao.Cases;

/// <summary>
/// 双随机、一公开: a random sample of closed cases and of inspectors that anyone can re-draw from the published seed.
/// Each candidate key <c>k</c> gets the score <c>SHA-256(UTF-8(seed + "|" + k))</c>; candidates are ordered by score
/// (bytes compared as unsigned, big-endian), ties (never seen in practice) by key, and the first <c>count</c> are taken.
/// Case keys are their ids in decimal; inspector keys their usernames. The result does not depend on the order the
/// candidates are given in.
/// </summary>
public static class SpotCheckDraw
{
    /// <summary>The first <paramref name="count"/> of <paramref name="candidates"/> by score; all of them if fewer.</summary>
    public static IReadOnlyList<string> Draw(string seed, IEnumerable<string> candidates, int count)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return [.. candidates.Distinct(StringComparer.Ordinal)
            .Select(k => (Key: k, Score: Score(seed, k)))
            .OrderBy(c => c.Score, StringComparer.Ordinal)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Key)];
    }

    /// <summary>The score of one key as lower-case hex (hex order is byte order).</summary>
    public static string Score(string seed, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed + "|" + key)));

    /// <summary>Assigns each drawn case an inspector round-robin in draw order: case i gets inspector i mod n.</summary>
    public static IReadOnlyList<(string Case, string Inspector)> Pair(IReadOnlyList<string> cases, IReadOnlyList<string> inspectors)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(inspectors);
        if (inspectors.Count == 0)
        {
            throw new ArgumentException("at least one inspector is needed", nameof(inspectors));
        }
        return [.. cases.Select((c, i) => (c, inspectors[i % inspectors.Count]))];
    }
}
