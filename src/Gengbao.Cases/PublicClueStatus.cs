namespace Gengbao.Cases;

/// <summary>
/// What the public sees of the case its clue became: coarse steps, no names, no judgement text (the case may still be
/// under investigation).
/// </summary>
public static class PublicClueStatus
{
    /// <summary>The public status of a case state: received, verifying, handling, closed.</summary>
    public static string Of(CaseState? state) => state switch
    {
        null => "received",
        CaseState.Verifying => "verifying",
        CaseState.ClosedLegal or CaseState.Closed or CaseState.Archived => "closed",
        _ => "handling",
    };

    public static string Label(string status) => status switch
    {
        "received" => "已受理",
        "verifying" => "核查中",
        "handling" => "查处中",
        "closed" => "已办结",
        _ => status,
    };
}
