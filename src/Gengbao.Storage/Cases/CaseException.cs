namespace Gengbao.Storage.Cases;

/// <summary>Why a case request was refused; the API maps it to 400, 404 or 409. Nothing has been written.</summary>
public enum CaseError
{
    Invalid,
    NotFound,
    Conflict,
    TooLarge,
}

public sealed class CaseException(CaseError error, string message) : Exception(message)
{
    public CaseError Error { get; } = error;
}
