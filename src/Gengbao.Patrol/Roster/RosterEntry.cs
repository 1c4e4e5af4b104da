using Gengbao.Geo.Codes;

namespace Gengbao.Patrol.Roster;

/// <summary>A validated roster row: the person holds <paramref name="Role"/> on the cell from <paramref name="From"/> to <paramref name="To"/> (inclusive, null = open).</summary>
public sealed record RosterEntry(int Row, string CellCode, AdminLevel Level, RosterRole Role, string Name, string Phone, DateOnly From, DateOnly? To);
