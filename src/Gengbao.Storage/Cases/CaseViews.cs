using NetTopologySuite.Geometries;

namespace Gengbao.Storage.Cases;

/// <summary>
/// A case in a list; <see cref="Lon"/>/<see cref="Lat"/> is a point on the case's geometry (PostGIS
/// ST_PointOnSurface, CGCS2000 degrees) for overview maps.
/// </summary>
public sealed record CaseSummary(long Id, string CountyCode, string UnitCode, string? TownCode, string Code, string State, string Title,
    IReadOnlyList<string> Sources, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt, decimal? AreaM2,
    double? Lon = null, double? Lat = null);

/// <summary>
/// A located piece of evidence of a case, for its map: <see cref="Kind"/> <c>finding</c> (where a patrol finding was
/// reported; <see cref="RefId"/> the finding id), <c>photo</c> (where a finding photo was taken, from its EXIF;
/// <see cref="RefId"/> the photo id) or <c>clue</c> (the point of a public clue; <see cref="RefId"/> the clue id).
/// CGCS2000 degrees.
/// </summary>
public sealed record CaseEvidencePoint(string Kind, long RefId, double Lon, double Lat, string Label, DateTimeOffset? At);

/// <summary>A case with everything about it; geometries are CGCS2000 longitude/latitude.</summary>
public sealed record CaseDetail(CaseSummary Case, Geometry Geometry, Geometry? MeasuredGeometry, string Reason, string? Judgement,
    IReadOnlyList<CaseSourceView> SourceReports, IReadOnlyList<CaseEventView> History, IReadOnlyList<CaseTaskView> Tasks,
    IReadOnlyList<CaseAttachmentView> Attachments, CaseArchiveView? Archive);

public sealed record CaseSourceView(long Id, string Kind, string ExternalNumber, string? ScreeningClass, DateTimeOffset ReceivedAt, string Detail);

public sealed record CaseEventView(long Id, DateTimeOffset At, string Actor, string Role, string Action, string? FromState, string? ToState,
    string Notes, string Detail);

public sealed record CaseTaskView(long Id, long CaseId, string Kind, string CellCode, string CellBasis, long? AssigneeId, string State,
    DateTimeOffset DueAt, DateTimeOffset CreatedAt, DateTimeOffset? DoneAt, DateTimeOffset? EscalatedAt, string? EscalatedTo);

public sealed record CaseAttachmentView(long Id, long? EventId, string FileName, string ContentType, string Sha256, long Size, DateTimeOffset CreatedAt);

public sealed record CaseArchiveView(DateTimeOffset ArchivedAt, string ArchivedBy, string DossierSha256, long DossierBytes);

/// <summary>A file that comes with a transition; its type has been checked by content.</summary>
public sealed record NewAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Filters of the case list; all optional.</summary>
public sealed record CaseQuery(string? State = null, string? Code = null, string? Source = null, string? Region = null, int Limit = 500);
