using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Gengbao.Security.Crypto;

namespace Gengbao.Exchange.Packages;

/// <summary>
/// Reads an exchange package without trusting it. Before a byte is extracted: the entry count, every entry's path
/// (no absolute paths, drive letters, backslashes, <c>..</c> segments, symbolic links) and the declared sizes are
/// checked against <see cref="PackageLimits"/>; then the manifest's SM3 against <c>manifest.sm3</c>; then the
/// entries against the manifest's file list (a missing or unlisted file is refused). Files are then copied to the
/// caller's streams while their SM3 and real size are computed; a mismatch throws naming the file. The caller
/// writes into a scratch folder and discards it on any <see cref="PackageException"/>.
/// </summary>
public static class PackageReader
{
    public const string ManifestName = "manifest.json";
    public const string ManifestHashName = "manifest.sm3";

    /// <summary>Optional SM2 signature of the bytes of <c>manifest.json</c>, DER in base64 (docs/exchange.md, "Signatures").</summary>
    public const string SignatureName = "manifest.sig";

    /// <summary>Checks everything and copies each data file to <paramref name="open"/>(path); returns the manifest.</summary>
    /// <param name="zip">The package, readable and seekable.</param>
    /// <param name="packageName">Used in error messages (the file name or upload name).</param>
    /// <param name="open">Stream to write a data file to; <see cref="Stream.Null"/> to verify only.</param>
    /// <param name="limits">Caps; <see cref="PackageLimits.Default"/> if null.</param>
    /// <param name="trust">The registered public keys: the signature is checked against them (and required where
    /// <see cref="PackageTrust"/> says so) before any data file is read; null leaves a signature unchecked.</param>
    public static PackageManifest Read(Stream zip, string packageName, Func<string, Stream> open, PackageLimits? limits = null, PackageTrust? trust = null) =>
        ReadPackage(zip, packageName, open, limits, trust).Manifest;

    /// <summary>As <see cref="Read"/>, and says whether the package is signed and by which registered key.</summary>
    public static PackageContents ReadPackage(Stream zip, string packageName, Func<string, Stream> open, PackageLimits? limits = null, PackageTrust? trust = null)
    {
        limits ??= PackageLimits.Default;
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true, Encoding.UTF8);
        }
        catch (InvalidDataException e)
        {
            throw new PackageException(packageName, null, $"not a readable zip archive: {e.Message}");
        }
        using (archive)
        {
            var entries = CheckEntries(archive, packageName, limits);
            var manifestBytes = ReadSmall(entries, ManifestName, packageName, limits.MaxManifestBytes);
            var declaredHash = Encoding.ASCII.GetString(ReadSmall(entries, ManifestHashName, packageName, 256)).Trim();
            var actualHash = Sm3.HashHex(manifestBytes);
            if (!string.Equals(declaredHash, actualHash, StringComparison.OrdinalIgnoreCase))
            {
                throw new PackageException(packageName, ManifestName, $"SM3 checksum mismatch: manifest.sm3 says {declaredHash}, the manifest's SM3 is {actualHash}");
            }
            PackageManifest manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<PackageManifest>(manifestBytes, PackageManifest.Json)
                    ?? throw new JsonException("empty manifest");
            }
            catch (JsonException e)
            {
                throw new PackageException(packageName, ManifestName, $"not a valid manifest: {e.Message}");
            }
            if (manifest.Format != PackageManifest.CurrentFormat)
            {
                throw new PackageException(packageName, ManifestName, $"format '{manifest.Format}' is not {PackageManifest.CurrentFormat}");
            }
            byte[]? signature = null;
            if (entries.ContainsKey(SignatureName))
            {
                try
                {
                    signature = Convert.FromBase64String(Encoding.ASCII.GetString(ReadSmall(entries, SignatureName, packageName, 1024)).Trim());
                }
                catch (FormatException)
                {
                    throw new PackageException(packageName, SignatureName, "not a base64 SM2 signature");
                }
            }
            var signer = trust?.Check(manifest, manifestBytes, signature) is { } refusal
                ? throw new PackageException(packageName, SignatureName, refusal)
                : trust?.SignerOf(manifest, manifestBytes, signature);
            var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
            foreach (var file in manifest.Files)
            {
                if (!IsSafePath(file.Path))
                {
                    throw new PackageException(packageName, file.Path, "the manifest lists a path outside the package folder");
                }
                if (!entries.ContainsKey(file.Path))
                {
                    throw new PackageException(packageName, file.Path, "listed in the manifest but missing from the package");
                }
            }
            foreach (var name in entries.Keys)
            {
                if (name is not (ManifestName or ManifestHashName or SignatureName) && !listed.ContainsKey(name))
                {
                    throw new PackageException(packageName, name, "in the package but not listed in the manifest");
                }
            }
            foreach (var layer in manifest.Layers)
            {
                if (!listed.ContainsKey(layer.File))
                {
                    throw new PackageException(packageName, layer.File, $"layer {layer.Name} is in a file the manifest does not list");
                }
            }
            foreach (var file in manifest.Files)
            {
                using var source = entries[file.Path].Open();
                using var target = open(file.Path);
                string sm3;
                long size;
                try
                {
                    (sm3, size) = Sm3Stream.Copy(source, target, file.Size, () => $"larger than the {file.Size} bytes the manifest declares");
                }
                catch (InvalidDataException e)
                {
                    throw new PackageException(packageName, file.Path, e.Message);
                }
                if (size != file.Size)
                {
                    throw new PackageException(packageName, file.Path, $"size mismatch: the manifest declares {file.Size} bytes, the file has {size}");
                }
                if (!string.Equals(sm3, file.Sm3, StringComparison.OrdinalIgnoreCase))
                {
                    throw new PackageException(packageName, file.Path, $"SM3 checksum mismatch: the manifest says {file.Sm3}, the file's SM3 is {sm3}");
                }
            }
            return new PackageContents(manifest, signature is not null, signer);
        }
    }

    /// <summary>A relative path with forward slashes that stays inside the package folder.</summary>
    public static bool IsSafePath(string path) =>
        path.Length is > 0 and < 260
        && !path.StartsWith('/') && !path.Contains('\\') && !path.Contains(':') && !path.Contains('\0')
        && path.Split('/').All(segment => segment is not ("" or "." or ".."));

    private static Dictionary<string, ZipArchiveEntry> CheckEntries(ZipArchive archive, string packageName, PackageLimits limits)
    {
        if (archive.Entries.Count > limits.MaxEntries)
        {
            throw new PackageException(packageName, null, $"{archive.Entries.Count} entries: more than the {limits.MaxEntries} a package may hold");
        }
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        long declared = 0, compressed = 0;
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/'))
            {
                continue; // a folder entry
            }
            if (!IsSafePath(entry.FullName))
            {
                throw new PackageException(packageName, entry.FullName, "path leaves the package folder (absolute, drive letter, backslash or '..'): refused before extracting anything");
            }
            const int unixFileType = 0xF000, unixSymlink = 0xA000;
            if (((entry.ExternalAttributes >> 16) & unixFileType) == unixSymlink)
            {
                throw new PackageException(packageName, entry.FullName, "is a symbolic link: refused before extracting anything");
            }
            if (!entries.TryAdd(entry.FullName, entry))
            {
                throw new PackageException(packageName, entry.FullName, "appears twice in the archive");
            }
            declared += entry.Length;
            compressed += entry.CompressedLength;
        }
        if (declared > limits.MaxTotalBytes)
        {
            throw new PackageException(packageName, null, $"declares {declared} bytes uncompressed, more than the limit of {limits.MaxTotalBytes}");
        }
        if (declared > 1024 * 1024 && declared > limits.MaxCompressionRatio * Math.Max(1, compressed))
        {
            throw new PackageException(packageName, null, $"compression ratio {declared / (double)Math.Max(1, compressed):F0}:1 is above {limits.MaxCompressionRatio}:1 (zip bomb)");
        }
        return entries;
    }

    private static byte[] ReadSmall(Dictionary<string, ZipArchiveEntry> entries, string name, string packageName, int cap)
    {
        if (!entries.TryGetValue(name, out var entry))
        {
            throw new PackageException(packageName, name, "missing: not an exchange package");
        }
        using var source = entry.Open();
        using var buffer = new MemoryStream();
        try
        {
            Sm3Stream.Copy(source, buffer, cap, () => $"larger than {cap} bytes");
        }
        catch (InvalidDataException e)
        {
            throw new PackageException(packageName, name, e.Message);
        }
        return buffer.ToArray();
    }
}
