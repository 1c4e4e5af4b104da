namespace Gengbao.Geo.Tests;

/// <summary>
/// Data-driven cases kept as CSV under Cases/ (copied next to the test assembly): one case per line, a header line,
/// '#' comment lines, fields separated by commas and taken verbatim (no quoting, blanks are significant).
/// </summary>
internal static class CaseFile
{
    public static IEnumerable<object[]> Rows(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Cases", name);
        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Skip(1)
            .Select(line => line.Split(',').Cast<object>().ToArray());
    }
}
