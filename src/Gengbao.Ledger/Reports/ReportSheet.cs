namespace Gengbao.Ledger.Reports;

/// <summary>One table of a report, as the bureaus lay it out: a sheet name, a title, column headers and rows of cells (string, decimal, int or null).</summary>
public sealed record ReportSheet(string Name, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);
