namespace Gengbao.Exchange.Packages;

/// <summary>What <see cref="PackageReader.ReadPackage"/> found: the manifest, whether a signature came with it, and the registered key that verified it.</summary>
public sealed record PackageContents(PackageManifest Manifest, bool Signed, TrustedKey? Signer);
