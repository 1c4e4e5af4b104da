namespace Gengbao.Patrol.Roster;

/// <summary>One problem in a roster file, located by file, row (1-based, header = 1) and column name.</summary>
public sealed record RosterProblem(string File, int Row, string Column, string Message)
{
    public override string ToString() => $"{File}: row {Row}, column {Column}: {Message}";
}
