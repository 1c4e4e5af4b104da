using System.Globalization;
using System.Text;
using Gengbao.Security.Crypto;

namespace Gengbao.Security.Audit;

/// <summary>
/// The SM3 hash chain over audit entries (docs/security.md, "Audit chain"). Each entry's hash is
/// <c>SM3(canonical(entry, prevHash))</c>, where the canonical form is the UTF-8 bytes of nine fields in this order:
/// <c>seq, at, actor, role, ip, action, target, detail, prev_hash</c>, each written as its UTF-8 byte length in
/// decimal, a colon, the bytes, and a line feed. <c>at</c> is UTC as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>; detail is
/// the jsonb text PostgreSQL returns; <c>prev_hash</c> is the previous entry's hash in lower-case hex, or 64 zeros for
/// seq 1. Length prefixes make the form unambiguous whatever the fields contain.
/// </summary>
public static class AuditChain
{
    public static string Genesis { get; } = new('0', Sm3.Size * 2);

    /// <summary>The instant as stored: UTC, truncated to the microsecond PostgreSQL keeps.</summary>
    public static DateTime Normalise(DateTime at)
    {
        var utc = at.Kind == DateTimeKind.Utc ? at : at.ToUniversalTime();
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }

    public static byte[] Canonical(AuditEntry entry, string prevHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     entry.Seq.ToString(CultureInfo.InvariantCulture),
                     Normalise(entry.At).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                     entry.Actor, entry.Role, entry.Ip, entry.Action, entry.Target, entry.Detail, prevHash,
                 })
        {
            text.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string Hash(AuditEntry entry, string prevHash) => Sm3.HashHex(Canonical(entry, prevHash));

    /// <summary>
    /// Walks entries in stored order. Returns null when the chain is whole, else the first bad seq and why: a seq that
    /// does not follow its predecessor (an entry deleted or inserted), a prev_hash that is not the previous hash, or a
    /// hash that does not match the entry (an entry edited).
    /// </summary>
    public static AuditBreak? Verify(IEnumerable<(AuditEntry Entry, string PrevHash, string Hash)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var walker = new AuditChainWalker();
        foreach (var (entry, prevHash, hash) in rows)
        {
            if (walker.Next(entry, prevHash, hash) is { } broken)
            {
                return broken;
            }
        }
        return null;
    }
}

/// <summary>Checks a chain one entry at a time in seq order, so a long log can be streamed (see <see cref="AuditChain.Verify"/>).</summary>
public sealed class AuditChainWalker
{
    private long _expectedSeq = 1;
    private string _previous = AuditChain.Genesis;

    /// <summary>Null while the chain is whole; else the first break (later calls are meaningless).</summary>
    public AuditBreak? Next(AuditEntry entry, string prevHash, string hash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Seq != _expectedSeq)
        {
            return new AuditBreak(_expectedSeq, entry.Seq > _expectedSeq
                ? $"entries {_expectedSeq}..{entry.Seq - 1} are missing (deleted)"
                : $"seq {entry.Seq} appears where {_expectedSeq} was expected");
        }
        if (!string.Equals(prevHash, _previous, StringComparison.Ordinal))
        {
            return new AuditBreak(entry.Seq, "prev_hash does not equal the previous entry's hash");
        }
        if (!string.Equals(AuditChain.Hash(entry, prevHash), hash, StringComparison.Ordinal))
        {
            return new AuditBreak(entry.Seq, "hash does not match the entry (edited)");
        }
        _previous = hash;
        _expectedSeq++;
        return null;
    }
}

/// <summary>The first place where the audit chain is broken.</summary>
public sealed record AuditBreak(long Seq, string Reason);
