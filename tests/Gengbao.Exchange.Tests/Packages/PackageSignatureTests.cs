using System.IO.Compression;
using System.Text;
using Gengbao.Exchange.Catalog;
using Gengbao.Exchange.Packages;
using Gengbao.Security.Crypto;

namespace Gengbao.Exchange.Tests.Packages;

/// <summary>SM2 signatures of the manifest (docs/exchange.md, "Signatures"): tamper, good, unsigned, wrong key.</summary>
public sealed class PackageSignatureTests
{
    private static readonly (string Private, string Public) Sender = Sm2Signer.GenerateKeyPair();
    private static readonly (string Private, string Public) Stranger = Sm2Signer.GenerateKeyPair();
    private static readonly byte[] Data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("GeoPackage bytes 耕地 ", 200)));

    private static PackageTrust Trust(bool require = false) =>
        new([new TrustedKey(Departments.NaturalResources, "6229", Sender.Public, "临夏州自然资源局")], require);

    private static byte[] Pack(string? privateKey, string region = "622921")
    {
        using var output = new MemoryStream();
        PackageWriter.Write(output, new PackageManifest
        {
            CatalogItem = "land-survey",
            Producer = new PackageProducer(Departments.NaturalResources, "某县自然资源局", "nr-county"),
            Region = region, Year = 2024, CreatedAt = new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero),
            Layers = [new PackageLayer("DLTB", "data/land-survey.gpkg", 12, 4522)], Files = [],
        }, [("data/land-survey.gpkg", new MemoryStream(Data))], privateKey is null ? null : bytes => Sm2Signer.Sign(bytes, privateKey));
        return output.ToArray();
    }

    private static PackageContents Read(byte[] package, PackageTrust? trust) =>
        PackageReader.ReadPackage(new MemoryStream(package), "p.zip", _ => Stream.Null, trust: trust);

    private static string Refusal(byte[] package, PackageTrust? trust) =>
        Assert.Throws<PackageException>(() => Read(package, trust)).Message;

    /// <summary>Replaces the manifest with <paramref name="edit"/>(manifest) and recomputes manifest.sm3, keeping the old signature.</summary>
    private static byte[] EditManifest(byte[] package, Func<string, string> edit)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        var entries = source.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var b = new MemoryStream();
            s.CopyTo(b);
            return b.ToArray();
        });
        var manifest = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(entries[PackageReader.ManifestName])));
        entries[PackageReader.ManifestName] = manifest;
        entries[PackageReader.ManifestHashName] = Encoding.ASCII.GetBytes(Sm3.HashHex(manifest));
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var t = target.CreateEntry(name).Open();
                t.Write(bytes);
            }
        }
        return output.ToArray();
    }

    [Fact]
    public void AGoodSignatureByARegisteredKeyIsAcceptedAndNamesTheKey()
    {
        var contents = Read(Pack(Sender.Private), Trust());
        Assert.True(contents.Signed);
        Assert.Equal("临夏州自然资源局", contents.Signer?.Name);
    }

    [Fact]
    public void AManifestChangedAfterSigningIsRefusedEvenWithItsSm3Recomputed()
    {
        var tampered = EditManifest(Pack(Sender.Private), m => m.Replace("\"year\": 2024", "\"year\": 2023", StringComparison.Ordinal));
        Assert.Contains("\"year\": 2023", Encoding.UTF8.GetString(ZipEntry(tampered, PackageReader.ManifestName)), StringComparison.Ordinal);
        var reason = Refusal(tampered, Trust());
        Assert.Contains("manifest.sig", reason, StringComparison.Ordinal);
        Assert.Contains("SM2 signature does not verify", reason, StringComparison.Ordinal);
        // Without a trust list the checksums alone cannot tell: the attacker recomputed them.
        Assert.Null(Read(tampered, null).Signer);
    }

    [Fact]
    public void AnUnsignedPackageIsRefusedWhereTheDepartmentHasARegisteredKeyOrSignaturesAreRequired()
    {
        Assert.Contains("unsigned: department natural_resources has 1 SM2 public key(s) registered for region 622921", Refusal(Pack(null), Trust()), StringComparison.Ordinal);
        Assert.Contains("unsigned: this platform accepts signed packages only", Refusal(Pack(null, "620102"), Trust(require: true)), StringComparison.Ordinal);
        // Outside the key's region and with no requirement, an unsigned package passes.
        Assert.False(Read(Pack(null, "620102"), Trust()).Signed);
    }

    [Fact]
    public void ASignatureByAnotherKeyOrOfAnUnregisteredDepartmentIsRefused()
    {
        Assert.Contains("SM2 signature does not verify against the registered key(s) of department natural_resources (临夏州自然资源局)",
            Refusal(Pack(Stranger.Private), Trust()), StringComparison.Ordinal);
        Assert.Contains("no SM2 public key of department natural_resources is registered for region 620102",
            Refusal(Pack(Sender.Private, "620102"), Trust()), StringComparison.Ordinal);
    }

    [Fact]
    public void ASignatureThatIsNotBase64OrNotDerIsRefusedNotThrownAtTheCaller()
    {
        var garbage = Rewrite(Pack(Sender.Private), PackageReader.SignatureName, Encoding.ASCII.GetBytes("not base64 !!"));
        Assert.Contains("not a base64 SM2 signature", Refusal(garbage, Trust()), StringComparison.Ordinal);
        var notDer = Rewrite(Pack(Sender.Private), PackageReader.SignatureName, Encoding.ASCII.GetBytes(Convert.ToBase64String(new byte[70])));
        Assert.Contains("does not verify", Refusal(notDer, Trust()), StringComparison.Ordinal);
    }

    [Fact]
    public void KeysRoundTripThroughPemAndAPrivatePemYieldsItsPublicKey()
    {
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", Sender.Private, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", Sender.Public, StringComparison.Ordinal);
        Assert.Equal(Sm2Signer.Fingerprint(Sender.Public), Sm2Signer.Fingerprint(Sm2Signer.PublicPemOf(Sender.Private)));
        var signature = Sm2Signer.Sign("耕保"u8, Sender.Private);
        Assert.True(Sm2Signer.Verify("耕保"u8, signature, Sender.Public));
        Assert.False(Sm2Signer.Verify("耕保!"u8, signature, Sender.Public));
        Assert.False(Sm2Signer.Verify("耕保"u8, signature, Stranger.Public));
        Assert.Throws<FormatException>(() => Sm2Signer.Sign("x"u8, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
    }

    private static byte[] ZipEntry(byte[] package, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var s = zip.GetEntry(name)!.Open();
        using var b = new MemoryStream();
        s.CopyTo(b);
        return b.ToArray();
    }

    private static byte[] Rewrite(byte[] package, string name, byte[] bytes)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var t = target.CreateEntry(entry.FullName).Open();
                if (entry.FullName == name)
                {
                    t.Write(bytes);
                }
                else
                {
                    using var s = entry.Open();
                    s.CopyTo(t);
                }
            }
        }
        return output.ToArray();
    }
}
