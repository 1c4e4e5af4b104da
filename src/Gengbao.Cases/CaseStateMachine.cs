using Gengbao.Security.Access;

namespace Gengbao.Cases;

/// <summary>
/// The case loop of seeds 001 and 004 as an explicit transition table (docs/cases.md). A transition not in the table
/// from the current state, or by a role the row does not name, is refused with <see cref="CaseRefusedException"/>.
/// System admins may do every human step (operators fixing a stuck case), never the system's own.
/// </summary>
public static class CaseStateMachine
{
    private static readonly string[] Verifier = [Roles.FieldManager, Roles.SystemAdmin];
    private static readonly string[] Site = [Roles.FieldManager, Roles.Enforcement, Roles.SystemAdmin];
    private static readonly string[] Bureau = [Roles.RegionAdmin, Roles.SystemAdmin];
    private static readonly string[] Enforcer = [Roles.Enforcement, Roles.SystemAdmin];

    /// <summary>Every allowed transition.</summary>
    public static IReadOnlyList<CaseTransition> Table { get; } =
    [
        new(CaseState.Verifying, CaseAction.AutoPass, CaseState.ClosedLegal, [CaseActor.System], CaseCode.Green),
        new(CaseState.Verifying, CaseAction.VerifyLegal, CaseState.ClosedLegal, Verifier, CaseCode.Green),
        new(CaseState.Verifying, CaseAction.VerifyIllegal, CaseState.Dispatched, Verifier, CaseCode.Red),
        new(CaseState.Dispatched, CaseAction.SubmitEvidence, CaseState.Evidenced, Site),
        new(CaseState.Evidenced, CaseAction.Report, CaseState.Reported, Site),
        new(CaseState.Reported, CaseAction.Approve, CaseState.Reviewed, Bureau),
        new(CaseState.Reported, CaseAction.SendBack, CaseState.Dispatched, Bureau),
        new(CaseState.Reviewed, CaseAction.Enforce, CaseState.Enforced, Enforcer),
        new(CaseState.Enforced, CaseAction.Close, CaseState.Closed, Bureau),
        new(CaseState.Closed, CaseAction.Archive, CaseState.Archived, Bureau),
        new(CaseState.ClosedLegal, CaseAction.Archive, CaseState.Archived, Bureau),
    ];

    /// <summary>The actions open from <paramref name="state"/> to <paramref name="role"/> (for the UI's buttons).</summary>
    public static IReadOnlyList<CaseAction> ActionsFor(CaseState state, string role) =>
        [.. Table.Where(t => t.From == state && t.Roles.Contains(role)).Select(t => t.Action)];

    /// <summary>
    /// The transition for <paramref name="action"/> from <paramref name="state"/> by <paramref name="role"/> (a role's
    /// stored name or <see cref="CaseActor.System"/>). Throws <see cref="CaseRefusedException"/>: WrongState when the
    /// action is not possible from the state (whoever asks), WrongRole when it is but not for this role.
    /// </summary>
    public static CaseTransition Resolve(CaseState state, CaseAction action, string role)
    {
        var row = Table.FirstOrDefault(t => t.From == state && t.Action == action);
        if (row is null)
        {
            var possible = Table.Where(t => t.From == state).Select(t => CaseNames.Name(t.Action)).ToList();
            throw new CaseRefusedException(CaseRefusalKind.WrongState,
                $"a case in state {CaseNames.Name(state)} ({CaseNames.Label(state)}) cannot '{CaseNames.Name(action)}'; " +
                (possible.Count == 0 ? "no action is possible from this state" : "possible: " + string.Join(", ", possible)));
        }
        if (!row.Roles.Contains(role))
        {
            throw new CaseRefusedException(CaseRefusalKind.WrongRole,
                $"role {role} may not '{CaseNames.Name(action)}' a case in state {CaseNames.Name(state)}; allowed: {string.Join(", ", row.Roles)}");
        }
        return row;
    }
}
