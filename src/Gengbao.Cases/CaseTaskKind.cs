namespace Gengbao.Cases;

/// <summary>Tasks a case creates: a check on site for yellow, rectification for red.</summary>
public enum CaseTaskKind
{
    Verification,
    Rectification,
}

/// <summary>A task's state; a task past its deadline and still open is escalated once.</summary>
public enum CaseTaskState
{
    Open,
    Done,
}
