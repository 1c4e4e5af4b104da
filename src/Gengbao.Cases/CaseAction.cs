namespace Gengbao.Cases;

/// <summary>What an actor does to a case; the transition table (<see cref="CaseStateMachine"/>) says from where and by whom.</summary>
public enum CaseAction
{
    /// <summary>Screening found approvals: the system passes the patch (green), no person involved.</summary>
    AutoPass,

    /// <summary>The verifier judged the place legal (with approval, facility land filed, temporary land, other).</summary>
    VerifyLegal,

    /// <summary>The verifier confirmed a violation: the case turns red and is dispatched (下发).</summary>
    VerifyIllegal,

    /// <summary>举证: evidence submitted from the site.</summary>
    SubmitEvidence,

    /// <summary>上报: reported up for review.</summary>
    Report,

    /// <summary>审核 passed.</summary>
    Approve,

    /// <summary>审核 refused: back to 举证 for more evidence.</summary>
    SendBack,

    /// <summary>执行: enforcement and rectification carried out.</summary>
    Enforce,

    /// <summary>结案.</summary>
    Close,

    /// <summary>归档: electronic filing of a closed case.</summary>
    Archive,
}
