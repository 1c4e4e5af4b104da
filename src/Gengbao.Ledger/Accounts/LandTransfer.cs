namespace Gengbao.Ledger.Accounts;

/// <summary>One row of the transfer matrix (comparison's <c>land_transfer</c>): land of class From in the before year that is To in the after year, m².</summary>
public sealed record LandTransfer(string From, string To, decimal Area);
