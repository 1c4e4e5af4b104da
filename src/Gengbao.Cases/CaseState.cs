namespace Gengbao.Cases;

/// <summary>
/// Where a case stands. Yellow cases are <see cref="Verifying"/>; legal ones end <see cref="ClosedLegal"/>; red ones walk
/// the six steps of seed 001 四(四)4 (下发－举证－上报－审核－执行－结案) and every closed case is finally filed (归档).
/// </summary>
public enum CaseState
{
    /// <summary>待核查: a yellow case waiting for the field manager's check on site.</summary>
    Verifying,

    /// <summary>已放行: green, by screening (approvals) or by the verifier's legal judgement. Terminal until filed.</summary>
    ClosedLegal,

    /// <summary>已下发 (下发): red, the rectification task is with the person responsible and enforcement is notified.</summary>
    Dispatched,

    /// <summary>已举证 (举证): evidence from the site has been submitted.</summary>
    Evidenced,

    /// <summary>已上报 (上报): the case has been reported up for review.</summary>
    Reported,

    /// <summary>已审核 (审核): the violation is confirmed by review.</summary>
    Reviewed,

    /// <summary>已执行 (执行): enforcement and rectification done.</summary>
    Enforced,

    /// <summary>已结案 (结案).</summary>
    Closed,

    /// <summary>已归档: filed electronically with its dossier hash; nothing moves it any more.</summary>
    Archived,
}
