using System.IO.Compression;
using System.Text.Json;
using Gengbao.Security.Crypto;

namespace Gengbao.Exchange.Packages;

/// <summary>
/// Writes an exchange package: the data files under <c>data/</c>, then <c>manifest.json</c> with each file's size and
/// SM3, then <c>manifest.sm3</c>. The caller passes the manifest without <see cref="PackageManifest.Files"/>.
/// </summary>
public static class PackageWriter
{
    /// <summary>Writes the zip to <paramref name="output"/> and returns the manifest as written.</summary>
    /// <param name="output">Where the zip goes (left open).</param>
    /// <param name="manifest">The manifest; its file list is filled in here.</param>
    /// <param name="files">Path inside the package (e.g. <c>data/land-survey.gpkg</c>) and a readable stream.</param>
    /// <param name="sign">When given, signs the manifest's bytes (SM2, DER); the signature goes to <c>manifest.sig</c> in base64.</param>
    public static PackageManifest Write(Stream output, PackageManifest manifest, IReadOnlyList<(string Path, Stream Content)> files, Func<byte[], byte[]>? sign = null)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var written = new List<PackageFile>();
        foreach (var (path, content) in files)
        {
            if (!PackageReader.IsSafePath(path))
            {
                throw new ArgumentException($"'{path}' is not a relative path inside the package", nameof(files));
            }
            var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
            using var target = entry.Open();
            var (sm3, size) = Sm3Stream.Copy(content, target, long.MaxValue, () => "");
            written.Add(new PackageFile(path, size, sm3));
        }
        var final = manifest with { Files = written };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(final, PackageManifest.Json);
        using (var m = zip.CreateEntry(PackageReader.ManifestName, CompressionLevel.Optimal).Open())
        {
            m.Write(bytes);
        }
        using (var h = new StreamWriter(zip.CreateEntry(PackageReader.ManifestHashName, CompressionLevel.NoCompression).Open()))
        {
            h.Write(Sm3.HashHex(bytes));
        }
        if (sign is not null)
        {
            using var s = new StreamWriter(zip.CreateEntry(PackageReader.SignatureName, CompressionLevel.NoCompression).Open());
            s.Write(Convert.ToBase64String(sign(bytes)));
        }
        return final;
    }
}
