namespace Gengbao.Cases;

/// <summary>
/// Who may perform a transition: the roles of <c>Gengbao.Security.Access.Role</c> by their stored names, plus
/// <see cref="System"/> for what the platform does on its own (screening green).
/// </summary>
public static class CaseActor
{
    /// <summary>The platform itself; never an account.</summary>
    public const string System = "system";
}
