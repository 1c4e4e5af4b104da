namespace Gengbao.Exchange.Packages;

/// <summary>A package refused: <see cref="Package"/> is the package's name, <see cref="Entry"/> the file inside it (if any).</summary>
public sealed class PackageException(string package, string? entry, string reason)
    : Exception(entry is null ? $"{package}: {reason}" : $"{package}: {entry}: {reason}")
{
    public string Package { get; } = package;
    public string? Entry { get; } = entry;
    public string Reason { get; } = reason;
}
