using Npgsql;

namespace Gengbao.TestSupport;

/// <summary>
/// Row counts and a content checksum of every one-map table, to prove that a failed import changed nothing.
/// </summary>
public static class DatabaseFingerprint
{
    private static readonly string[] Tables = ["layer_version", "admin_unit", "dltb", "yjjbnt", "gbznt", "pzyd", "bhtb"];

    public static async Task<string> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var table in Tables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '-') FROM {table} t", connection);
            parts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }
        return string.Join("; ", parts);
    }
}
