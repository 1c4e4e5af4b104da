using System.Globalization;

namespace Gengbao.Security.Audit;

/// <summary>A chain head copied outside the database: entry <see cref="Seq"/> had hash <see cref="Hash"/> at <see cref="At"/>.</summary>
public sealed record AuditAnchor(long Seq, string Hash, DateTimeOffset At)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{Seq}\t{Hash}\t{At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");

    /// <exception cref="FormatException">The line is not <c>seq TAB hash TAB time</c>.</exception>
    public static AuditAnchor Parse(string line, string source, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split('\t');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 1
            || parts[1].Length != AuditChain.Genesis.Length
            || !DateTimeOffset.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw new FormatException($"{source}: line {lineNumber} is not 'seq<TAB>hash<TAB>time': {line}");
        }
        return new AuditAnchor(seq, parts[1], at);
    }
}

/// <summary>
/// Checks a walked chain against anchors kept outside the database. The hash chain alone shows an edited or removed
/// entry in the middle, but not a removed tail or a chain rewritten from the start by someone who can recompute SM3;
/// an anchor (seq, hash) written earlier to a file, a log collector or paper shows both.
/// </summary>
public sealed class AuditAnchorCheck
{
    private readonly Dictionary<long, AuditAnchor> _bySeq = [];
    private readonly long _highest;

    public AuditAnchorCheck(IEnumerable<AuditAnchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        foreach (var anchor in anchors)
        {
            if (_bySeq.TryGetValue(anchor.Seq, out var earlier) && !string.Equals(earlier.Hash, anchor.Hash, StringComparison.Ordinal))
            {
                throw new FormatException($"two anchors for seq {anchor.Seq} disagree ({earlier.Hash} at {earlier.At:u}, {anchor.Hash} at {anchor.At:u})");
            }
            _bySeq[anchor.Seq] = anchor;
            _highest = Math.Max(_highest, anchor.Seq);
        }
    }

    public int Count => _bySeq.Count;

    /// <summary>Called for each entry in seq order: a break when the entry differs from its anchor.</summary>
    public AuditBreak? Entry(long seq, string hash) =>
        _bySeq.TryGetValue(seq, out var anchor) && !string.Equals(anchor.Hash, hash, StringComparison.Ordinal)
            ? new AuditBreak(seq, $"hash differs from the anchor written at {anchor.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} (chain rewritten)")
            : null;

    /// <summary>After the last entry: a break when an anchor names an entry the log no longer has.</summary>
    public AuditBreak? End(long lastSeq) =>
        _highest > lastSeq
            ? new AuditBreak(lastSeq + 1, $"the log ends at seq {lastSeq} but entry {_highest} was anchored at {_bySeq[_highest].At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} (tail deleted)")
            : null;
}
