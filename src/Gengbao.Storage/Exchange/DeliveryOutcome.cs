using Gengbao.Exchange.Packages;
using Gengbao.Import.Quality;

namespace Gengbao.Storage.Exchange;

/// <summary>What became of a received package: the delivery row, accepted or refused with the reason and the quality report.</summary>
public sealed record DeliveryOutcome(long DeliveryId, bool Accepted, string? Reason, IReadOnlyList<QualityProblem> Problems,
    PackageManifest? Manifest, IReadOnlyList<long> LayerVersions);
