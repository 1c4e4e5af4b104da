namespace Gengbao.Storage.OneMap;

/// <summary>
/// How to import a file. <see cref="Year"/> defaults to the data's own SJNF; <see cref="As"/> names the layer type
/// of a single-layer file whose name says nothing (e.g. "jbnt_2024.shp" as YJJBNT); <see cref="County"/> is the
/// county for layers whose features carry no admin code and lie outside the known admin units.
/// </summary>
public sealed record ImportOptions
{
    public int? Year { get; init; }
    public string? As { get; init; }
    public string? County { get; init; }
    public bool SkipInvalid { get; init; }
    public string ImportedBy { get; init; } = Environment.UserName;

    /// <summary>
    /// Runs inside the import's transaction after the layers are written, before the commit, with the layers written:
    /// whatever it writes commits with the data or not at all (the exchange receiver's delivery row). Throwing rolls back.
    /// </summary>
    public Func<Npgsql.NpgsqlConnection, IReadOnlyList<ImportedLayer>, CancellationToken, Task>? BeforeCommit { get; init; }
}
