namespace Gengbao.Cases;

/// <summary>The verifier's judgement on site (seed 004 现场核查认定).</summary>
public enum VerificationJudgement
{
    /// <summary>合法：有审批手续.</summary>
    LegalWithApproval,

    /// <summary>设施农业用地已备案.</summary>
    FacilityAgriculturalLandFiled,

    /// <summary>临时用地.</summary>
    TemporaryLand,

    /// <summary>违法：非农化.</summary>
    IllegalNonAgricultural,

    /// <summary>违法：非粮化.</summary>
    IllegalNonGrain,

    /// <summary>其他 (no violation for another reason); notes are required.</summary>
    Other,
}

/// <summary>What a judgement means for the case.</summary>
public static class Judgements
{
    public static bool IsIllegal(this VerificationJudgement judgement) =>
        judgement is VerificationJudgement.IllegalNonAgricultural or VerificationJudgement.IllegalNonGrain;

    /// <summary>The transition a judgement causes: legal ones close the case green, illegal ones turn it red.</summary>
    public static CaseAction Action(this VerificationJudgement judgement) => judgement.IsIllegal() ? CaseAction.VerifyIllegal : CaseAction.VerifyLegal;

    public static string Label(this VerificationJudgement judgement) => judgement switch
    {
        VerificationJudgement.LegalWithApproval => "合法（有审批）",
        VerificationJudgement.FacilityAgriculturalLandFiled => "设施农业用地已备案",
        VerificationJudgement.TemporaryLand => "临时用地",
        VerificationJudgement.IllegalNonAgricultural => "违法：非农化",
        VerificationJudgement.IllegalNonGrain => "违法：非粮化",
        VerificationJudgement.Other => "其他",
        _ => judgement.ToString(),
    };
}
