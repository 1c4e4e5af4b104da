using System.Text.Json.Nodes;
using Gengbao.Cases;
using NetTopologySuite.Geometries;

namespace Gengbao.Storage.Cases;

/// <summary>
/// One report of a problem from any source, ready for intake: its geometry in CGCS2000 longitude/latitude (SRID 4490),
/// the screening class when it was screened (null: a point, a clue or a finding, straight to verification).
/// </summary>
public sealed record CaseReport(CaseSourceKind Kind, string ExternalNumber, Geometry Geometry, string? ScreeningClass, string Title,
    string Reason, DateTimeOffset At, JsonObject? Detail = null);

/// <summary>What intake did with a report: the case it belongs to, whether new, merged or already known.</summary>
public sealed record IntakeResult(long CaseId, string Outcome, string State, long? TaskId)
{
    public const string Created = "created";
    public const string Merged = "merged";
    public const string Known = "known";

    /// <summary>A yellow case closed green after a re-screening of its patches (<see cref="CaseIntake.RecolourAsync"/>).</summary>
    public const string Recoloured = "recoloured";
}
