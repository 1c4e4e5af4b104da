using System.IO.Compression;
using System.Text;

namespace Gengbao.Import.Shapefile;

/// <summary>
/// Extracts an uploaded zip into a folder without trusting it: entries whose path is absolute or climbs out of the
/// folder ("zip slip") are refused, and so are archives that would inflate beyond <see cref="MaxTotalBytes"/> or whose
/// sizes show a compression ratio above <see cref="MaxCompressionRatio"/> (zip bombs). Sizes are counted while
/// copying, so an entry whose header understates its size is caught too.
/// </summary>
internal static class SafeZipExtractor
{
    public const long MaxTotalBytes = 2L * 1024 * 1024 * 1024;
    public const double MaxCompressionRatio = 200;
    public const int MaxEntries = 10_000;

    /// <summary>Below this total, the ratio test is skipped: a tiny archive cannot exhaust anything.</summary>
    private const long RatioFloorBytes = 1024 * 1024;

    /// <summary>Extracts <paramref name="zipPath"/> into the existing empty folder <paramref name="target"/>; throws <see cref="SourceFileException"/> naming the archive.</summary>
    public static void Extract(string zipPath, string target)
    {
        ZipArchive archive;
        try
        {
            // Windows zip tools store Chinese entry names in the system code page (GBK) without the UTF-8 flag;
            // entries that do set the flag are still read as UTF-8.
            archive = ZipFile.Open(zipPath, ZipArchiveMode.Read, EntryNameEncoding());
        }
        catch (InvalidDataException e)
        {
            throw new SourceFileException(zipPath, null, $"not a readable zip archive: {e.Message}", e);
        }
        using (archive)
        {
            CheckSizes(zipPath, archive);
            var root = Path.GetFullPath(target);
            // Every name is checked before anything is written, so a hostile archive leaves nothing behind.
            var plan = archive.Entries
                .Select(entry => (Entry: entry, Destination: Destination(zipPath, root, entry.FullName)))
                .Where(p => p.Destination is not null)
                .ToList();
            long written = 0;
            foreach (var (entry, path) in plan)
            {
                var destination = path!;
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    Directory.CreateDirectory(destination);
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                written += Copy(zipPath, entry, destination, MaxTotalBytes - written);
            }
        }
    }

    private static Encoding EntryNameEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(DbfCodePage.Gbk);
    }

    private static void CheckSizes(string zipPath, ZipArchive archive)
    {
        if (archive.Entries.Count > MaxEntries)
        {
            throw new SourceFileException(zipPath, null, $"the zip holds {archive.Entries.Count} entries; more than {MaxEntries} is refused");
        }
        long total = 0, compressed = 0;
        foreach (var entry in archive.Entries)
        {
            total += entry.Length;
            compressed += entry.CompressedLength;
        }
        if (total > MaxTotalBytes)
        {
            throw new SourceFileException(zipPath, null,
                $"the zip would unpack to {total / (1024 * 1024)} MiB; more than {MaxTotalBytes / (1024 * 1024)} MiB is refused");
        }
        if (total > RatioFloorBytes && total > MaxCompressionRatio * Math.Max(compressed, 1))
        {
            throw new SourceFileException(zipPath, null,
                $"the zip is compressed {total / (double)Math.Max(compressed, 1):F0} to 1; more than {MaxCompressionRatio:F0} to 1 looks like a zip bomb and is refused");
        }
    }

    /// <summary>The full path to write the entry to, or null for entries to skip (macOS resource forks).</summary>
    private static string? Destination(string zipPath, string root, string entryName)
    {
        var name = entryName.Replace('\\', '/');
        if (name.StartsWith("__MACOSX/", StringComparison.Ordinal))
        {
            return null;
        }
        var segments = name.Split('/');
        if (name.StartsWith('/') || Path.IsPathRooted(name) || (name.Length >= 2 && name[1] == ':')
            || segments.Any(s => s == ".."))
        {
            throw new SourceFileException(zipPath, null,
                $"the zip entry '{entryName}' points outside the archive folder (absolute path or '..'); the archive is refused");
        }
        var parts = segments.Where(s => s.Length > 0 && s != ".").ToArray();
        if (parts.Length == 0)
        {
            return null; // "./" and the like name the root itself
        }
        var destination = Path.GetFullPath(Path.Combine(root, Path.Combine(parts)));
        if (!destination.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new SourceFileException(zipPath, null, $"the zip entry '{entryName}' points outside the archive folder; the archive is refused");
        }
        return destination;
    }

    private static long Copy(string zipPath, ZipArchiveEntry entry, string destination, long allowance)
    {
        if (File.Exists(destination))
        {
            throw new SourceFileException(zipPath, null, $"the zip holds the entry '{entry.FullName}' twice");
        }
        var limit = Math.Min(entry.Length, allowance);
        var buffer = new byte[81920];
        long copied = 0;
        try
        {
            using var source = entry.Open();
            using var target = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                copied += read;
                if (copied > limit)
                {
                    throw new SourceFileException(zipPath, null,
                        $"the zip entry '{entry.FullName}' inflates beyond the size its header declares or the {MaxTotalBytes / (1024 * 1024)} MiB limit; the archive is refused");
                }
                target.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw new SourceFileException(zipPath, null, $"the zip entry '{entry.FullName}' is damaged: {e.Message}", e);
        }
        return copied;
    }
}
