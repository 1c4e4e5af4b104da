namespace Gengbao.Storage.Patrol;

/// <summary>Why a patrol request was refused; the server maps it to 400, 403, 404 or 409.</summary>
public enum PatrolError
{
    /// <summary>The input is wrong (400); <see cref="PatrolException.Problems"/> lists every problem.</summary>
    Invalid,

    /// <summary>No such task, finding or cell (404).</summary>
    NotFound,

    /// <summary>The request contradicts what is stored (409): a batch id reused with other points, a forbidden state change.</summary>
    Conflict,

    /// <summary>The caller's region does not cover what the request would change (403), e.g. another region's plan.</summary>
    Forbidden,
}

/// <summary>A refused patrol request; nothing was written.</summary>
public sealed class PatrolException(PatrolError error, string message, IReadOnlyList<string>? problems = null) : Exception(message)
{
    public PatrolError Error { get; } = error;

    public IReadOnlyList<string> Problems { get; } = problems ?? [];
}
