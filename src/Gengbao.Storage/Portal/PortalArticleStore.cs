using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Portal;

/// <summary>An article of the public portal: a policy summary, a negative-list entry or a compensation standard.</summary>
public sealed record PortalArticle(long Id, string Kind, string RegionPrefix, string Title, string Issuer, int? Year,
    IReadOnlyList<string> Points, IReadOnlyList<string> Tags, int SortOrder, bool Published, DateTimeOffset UpdatedAt);

/// <summary>What an admin writes; <see cref="PortalArticleRules.Check"/> names every problem before anything is stored.</summary>
public sealed record PortalArticleDraft(string? Kind, string? RegionPrefix, string? Title, string? Issuer, int? Year,
    IReadOnlyList<string>? Points, IReadOnlyList<string>? Tags, int? SortOrder, bool? Published);

/// <summary>The rules of an article, the same ones the table's CHECK constraints hold, so a refusal is a clear 400.</summary>
public static class PortalArticleRules
{
    public static readonly IReadOnlyList<string> Kinds = ["policy", "negative_list", "compensation"];

    public static IReadOnlyList<string> Check(PortalArticleDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<string>();
        if (draft.Kind is null || !Kinds.Contains(draft.Kind))
        {
            problems.Add($"kind: one of {string.Join(", ", Kinds)}");
        }
        if (draft.RegionPrefix is { } region && !region.All(char.IsAsciiDigit))
        {
            problems.Add("regionPrefix: digits of an admin code, or empty for the whole platform");
        }
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Trim().Length > 200)
        {
            problems.Add("title: 1 to 200 characters");
        }
        if (draft.Issuer is { Length: > 100 })
        {
            problems.Add("issuer: at most 100 characters");
        }
        if (draft.Year is < 1949 or > 2100)
        {
            problems.Add("year: between 1949 and 2100");
        }
        var points = Clean(draft.Points);
        if (points.Count is 0 or > 50)
        {
            problems.Add("points: 1 to 50 non-empty provisions");
        }
        else if (points.Any(p => p.Length > 2000))
        {
            problems.Add("points: each at most 2000 characters");
        }
        if (Clean(draft.Tags).Any(t => t.Length > 20))
        {
            problems.Add("tags: each at most 20 characters");
        }
        return problems;
    }

    public static List<string> Clean(IReadOnlyList<string>? values) =>
        values is null ? [] : values.Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
}

/// <summary>
/// Reads and writes portal articles. The public reads through <see cref="DataScope.Public"/> (published rows only);
/// admins through their scoped connections, where row-level security lets them write only their region's articles.
/// </summary>
public sealed class PortalArticleStore(IConnectionSource connections)
{
    private const string Columns = "id, kind, region_prefix, title, issuer, year, points, tags, sort_order, published, updated_at";

    public async Task<IReadOnlyList<PortalArticle>> ListAsync(string? kind, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT {Columns} FROM portal_article WHERE ($1::text IS NULL OR kind = $1)
            ORDER BY array_position(ARRAY['policy', 'negative_list', 'compensation'], kind), sort_order, id
            """);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)kind ?? DBNull.Value);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates (<paramref name="id"/> null) or replaces an article; null when the id is not one the caller may write.</summary>
    public async Task<PortalArticle?> SaveAsync(long? id, PortalArticleDraft draft, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(id is null
            ? $"""
              INSERT INTO portal_article (kind, region_prefix, title, issuer, year, points, tags, sort_order, published, updated_by)
              VALUES ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING {Columns}
              """
            : $"""
              UPDATE portal_article SET kind = $2, region_prefix = $3, title = $4, issuer = $5, year = $6, points = $7, tags = $8,
                     sort_order = $9, published = $10, updated_by = $11, updated_at = now()
              WHERE id = $1 RETURNING {Columns}
              """);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bigint, (object?)id ?? DBNull.Value);
        command.Parameters.AddWithValue(draft.Kind!);
        command.Parameters.AddWithValue(draft.RegionPrefix ?? "");
        command.Parameters.AddWithValue(draft.Title!.Trim());
        command.Parameters.AddWithValue(draft.Issuer?.Trim() ?? "");
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Integer, (object?)draft.Year ?? DBNull.Value);
        command.Parameters.AddWithValue(PortalArticleRules.Clean(draft.Points).ToArray());
        command.Parameters.AddWithValue(PortalArticleRules.Clean(draft.Tags).ToArray());
        command.Parameters.AddWithValue(draft.SortOrder ?? 0);
        command.Parameters.AddWithValue(draft.Published ?? true);
        command.Parameters.AddWithValue(editor);
        try
        {
            var saved = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
            return saved.Count == 1 ? saved[0] : null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // Row-level security: the article's (new) region is outside the caller's.
            return null;
        }
    }

    /// <summary>Deletes an article the caller may write; false when there is none.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("DELETE FROM portal_article WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<IReadOnlyList<PortalArticle>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<PortalArticle>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new PortalArticle(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetFieldValue<string[]>(6), reader.GetFieldValue<string[]>(7),
                reader.GetInt32(8), reader.GetBoolean(9), reader.GetFieldValue<DateTimeOffset>(10)));
        }
        return list;
    }
}
