namespace Gengbao.Exchange.Packages;

/// <summary>
/// A department's SM2 public key registered on the receiving side: packages of <see cref="Department"/> for a region
/// under <see cref="Region"/> (a code prefix; "" for the whole country) must be signed by it. <see cref="Name"/> labels
/// it in refusals and logs (e.g. the SM3 fingerprint or "临夏县自然资源局 2026").
/// </summary>
public sealed record TrustedKey(string Department, string Region, string PublicPem, string Name)
{
    public bool Covers(PackageManifest manifest) =>
        string.Equals(Department, manifest.Producer.Department, StringComparison.Ordinal)
        && manifest.Region.StartsWith(Region, StringComparison.Ordinal);
}
