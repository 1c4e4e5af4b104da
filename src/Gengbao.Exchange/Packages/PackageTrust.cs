using Gengbao.Security.Crypto;

namespace Gengbao.Exchange.Packages;

/// <summary>
/// The signature rule of a receiving platform. A package whose producer department has a key registered for the
/// package's region must carry an SM2 signature of its manifest by one of those keys; with
/// <see cref="RequireSignature"/> every package must (and an unsigned or unverifiable one is refused). A signature
/// from a department with no registered key is refused too: it cannot be checked, so it proves nothing. Because the
/// manifest lists the SM3 of every data file, a signed manifest covers the whole package.
/// </summary>
public sealed class PackageTrust(IReadOnlyList<TrustedKey> keys, bool requireSignature = false)
{
    public IReadOnlyList<TrustedKey> Keys { get; } = keys;

    public bool RequireSignature { get; } = requireSignature;

    /// <summary>Null when the package passes the rule, else why it is refused.</summary>
    public string? Check(PackageManifest manifest, byte[] manifestBytes, byte[]? signature)
    {
        var candidates = Keys.Where(k => k.Covers(manifest)).ToList();
        if (signature is null)
        {
            return candidates.Count > 0
                ? $"unsigned: department {manifest.Producer.Department} has {candidates.Count} SM2 public key(s) registered for region {manifest.Region}, so its packages must be signed"
                : RequireSignature ? "unsigned: this platform accepts signed packages only" : null;
        }
        if (candidates.Count == 0)
        {
            return $"signed, but no SM2 public key of department {manifest.Producer.Department} is registered for region {manifest.Region}: the signature cannot be checked";
        }
        return SignerOf(manifest, manifestBytes, signature) is null
            ? $"SM2 signature does not verify against the registered key(s) of department {manifest.Producer.Department} ({string.Join(", ", candidates.Select(k => k.Name))}): the manifest was changed or signed by another key"
            : null;
    }

    /// <summary>The registered key whose signature this is, or null.</summary>
    public TrustedKey? SignerOf(PackageManifest manifest, byte[] manifestBytes, byte[]? signature) =>
        signature is null ? null : Keys.Where(k => k.Covers(manifest)).FirstOrDefault(k => Sm2Signer.Verify(manifestBytes, signature, k.PublicPem));
}
