using System.Text.Json.Nodes;

namespace Gengbao.Storage.Screening;

/// <summary>A screening job over the change patches of one county and year (a row of <c>screening_run</c>).</summary>
/// <param name="Id">Run id.</param>
/// <param name="CountyCode">County of the change patches.</param>
/// <param name="Year">Year of the change patches (BHTB).</param>
/// <param name="Status">queued, running, done or failed.</param>
/// <param name="Trigger">manual (asked for) or import (queued by an import that changed patches or reference layers).</param>
/// <param name="Reason">Why it was queued.</param>
/// <param name="PatchFids">The patches to screen; null for all.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="RequestedAt">When it was queued.</param>
/// <param name="StartedAt">When a worker took it.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="ProgressDone">Patches screened so far.</param>
/// <param name="ProgressTotal">Patches to screen, once known.</param>
/// <param name="EngineVersion">Screening engine version that produced the results.</param>
/// <param name="InputVersions">Layer version ids read, by layer.</param>
/// <param name="GreenCount">Green results written.</param>
/// <param name="YellowCount">Yellow results written.</param>
/// <param name="Error">Why it failed.</param>
public sealed record ScreeningRun(
    long Id,
    string CountyCode,
    int Year,
    string Status,
    string Trigger,
    string Reason,
    long[]? PatchFids,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long ProgressDone,
    long? ProgressTotal,
    string? EngineVersion,
    JsonObject? InputVersions,
    long? GreenCount,
    long? YellowCount,
    string? Error);
