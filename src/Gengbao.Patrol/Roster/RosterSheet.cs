namespace Gengbao.Patrol.Roster;

/// <summary>One data row of a roster file as text: <paramref name="Row"/> is the 1-based line/row number in the file (the header is row 1).</summary>
public sealed record RosterRawRow(int Row, IReadOnlyDictionary<string, string?> Cells);

/// <summary>A roster file's header names (trimmed) and data rows, as read from .xlsx or .csv.</summary>
public sealed record RosterSheet(string FileName, IReadOnlyList<string> Headers, IReadOnlyList<RosterRawRow> Rows);
