namespace Gengbao.Cases;

/// <summary>Why a transition was refused: the state does not allow the action, or the role may not do it.</summary>
public enum CaseRefusalKind
{
    WrongState,
    WrongRole,
}

/// <summary>A refused transition with a message a person can act on. Nothing has been written when it is thrown.</summary>
public sealed class CaseRefusedException(CaseRefusalKind kind, string message) : Exception(message)
{
    public CaseRefusalKind Kind { get; } = kind;
}
