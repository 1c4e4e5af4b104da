namespace Gengbao.Patrol.Roster;

/// <summary>Roles on a cell (seed 001 三(一)): the field manager, and at 州/县/乡 level an assistant (助理田管员).</summary>
public enum RosterRole
{
    /// <summary>manager: 田管员.</summary>
    Manager,

    /// <summary>assistant: 协管员 / 助理田管员.</summary>
    Assistant,
}
