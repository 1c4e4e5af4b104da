using Gengbao.Import.Validation;

namespace Gengbao.Storage.OneMap;

/// <summary>The import found problems and wrote nothing. The message lists the first problems; all are in <see cref="Problems"/>.</summary>
public sealed class ImportFailedException(string path, IReadOnlyList<ImportProblem> problems)
    : Exception(Describe(path, problems))
{
    public IReadOnlyList<ImportProblem> Problems { get; } = problems;

    private static string Describe(string path, IReadOnlyList<ImportProblem> problems)
    {
        const int shown = 20;
        var lines = problems.Take(shown).Select(p => "  " + p);
        var more = problems.Count > shown ? $"\n  … and {problems.Count - shown} more (use --report FILE for the full list)" : "";
        return $"{Path.GetFileName(path)}: {problems.Count} problem(s) found; nothing was imported.\n{string.Join('\n', lines)}{more}";
    }
}
