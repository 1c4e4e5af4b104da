using System.Text.Json.Serialization;

namespace Gengbao.Storage.OneMap.Imports;

/// <summary>
/// One upload to import into the one map (<c>onemap_import_job</c>): who sent which file for which region, where the
/// worker is (stage, the layer and its features done of total) and how it ended: the layer versions written, or the
/// problems that made the whole file refused.
/// </summary>
public sealed record OneMapImportJob(
    long Id, string RequestedBy, string RegionCode, string FileName, [property: JsonIgnore] string StoredName, long FileBytes, string FileSha256,
    ImportJobOptions Options, string Status, string? Stage, string? Layer, long ProgressDone, long? ProgressTotal,
    DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? HeartbeatAt,
    IReadOnlyList<ImportedLayer>? Layers, IReadOnlyList<ImportJobProblem>? Problems, string? Error, DateTimeOffset? FileRemovedAt);

/// <summary>What the uploader asked for, as <c>gengbao import</c>'s options: --year, --as, --county and --qc.</summary>
public sealed record ImportJobOptions(int? Year = null, string? As = null, string? County = null, bool Qc = false);

/// <summary>
/// A problem that refused the file, located like the importer's own: file (the uploaded name), layer, feature (fid
/// and its BSM/JCBH/XZQDM when it has one) and field; each may be null when the problem is wider than that.
/// </summary>
public sealed record ImportJobProblem(string File, string? Layer, long? Fid, string? FeatureKey, string? Field, string Message);

/// <summary>A new job: the upload is already in the imports folder under <see cref="StoredName"/>.</summary>
public sealed record NewImportJob(string RequestedBy, string RegionCode, string FileName, string StoredName, long FileBytes, string FileSha256,
    ImportJobOptions Options);
