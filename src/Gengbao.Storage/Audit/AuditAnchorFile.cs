using Gengbao.Security.Audit;

namespace Gengbao.Storage.Audit;

/// <summary>
/// Anchors of the audit chain in an append-only text file outside the database: one <c>seq TAB hash TAB time</c>
/// line each. Default <c>$GENGBAO_HOME/.data/audit/anchors.tsv</c>, or <c>GENGBAO_AUDIT_ANCHORS</c>; in production
/// point it at storage the database's administrators cannot write (another host, a WORM share) or ship the server's
/// "audit head" log lines to a log collector, which holds the same anchors.
/// </summary>
public static class AuditAnchorFile
{
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("GENGBAO_AUDIT_ANCHORS") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetEnvironmentVariable("GENGBAO_HOME") is { Length: > 0 } h ? h : Directory.GetCurrentDirectory(), ".data", "audit", "anchors.tsv");

    /// <summary>Appends one anchor and flushes it to disk before returning.</summary>
    public static void Append(string path, AuditAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            writer.Write(anchor.ToLine() + "\n");
        }
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Every anchor in the file (none when it does not exist).</summary>
    /// <exception cref="FormatException">A line is malformed (names the file and line).</exception>
    public static IReadOnlyList<AuditAnchor> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var anchors = new List<AuditAnchor>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length > 0)
            {
                anchors.Add(AuditAnchor.Parse(line, path, number));
            }
        }
        return anchors;
    }
}
