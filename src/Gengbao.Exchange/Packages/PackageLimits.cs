namespace Gengbao.Exchange.Packages;

/// <summary>
/// Caps a package must stay under before anything is extracted (zip bombs): entries, total declared and actual
/// uncompressed bytes, and the compression ratio of archives above 1 MiB.
/// </summary>
public sealed record PackageLimits(int MaxEntries = 64, long MaxTotalBytes = 4L * 1024 * 1024 * 1024, double MaxCompressionRatio = 200, int MaxManifestBytes = 1024 * 1024)
{
    public static PackageLimits Default { get; } = new();
}
