namespace Gengbao.Cases;

/// <summary>One row of the transition table: from <see cref="From"/>, <see cref="Action"/> by one of <see cref="Roles"/> leads to <see cref="To"/>.</summary>
public sealed record CaseTransition(CaseState From, CaseAction Action, CaseState To, IReadOnlyList<string> Roles, CaseCode? SetsCode = null);
