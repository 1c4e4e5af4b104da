using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.OneMap;

/// <summary>
/// Parcels by spatial code for anonymous readers (the page a warning post's QR code opens): only the columns graded
/// public in <c>data_grading</c>, run as <c>gengbao_public</c>, whose column grants are exactly those columns, so a
/// column graded otherwise cannot leak even if this query were wrong. Layers with no public columns (BHTB) are absent.
/// </summary>
public sealed partial class PublicParcelQuery(NpgsqlDataSource dataSource)
{
    private static readonly (string Table, string Layer)[] Layers =
        [("dltb", "DLTB"), ("yjjbnt", "YJJBNT"), ("gbznt", "GBZNT"), ("pzyd", "PZYD"), ("admin_unit", "XZQ")];

    private static readonly string[] Fixed = ["county_code", "year", "spatial_code", "area_m2", "geom_4490"];

    private readonly ScopedConnections _connections = new(dataSource, DataScope.Public);
    private string? _sql;

    public async Task<IReadOnlyList<Parcel>> FindAsync(string spatialCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        _sql ??= await BuildSqlAsync(connection, cancellationToken).ConfigureAwait(false);
        if (_sql.Length == 0)
        {
            return [];
        }
        await using var command = new NpgsqlCommand(_sql, connection);
        command.Parameters.AddWithValue(spatialCode);
        var parcels = new List<Parcel>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            parcels.Add(new Parcel(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetDecimal(4),
                JsonNode.Parse(reader.GetString(5))!.AsObject(), reader.GetString(6)));
        }
        return parcels;
    }

    /// <summary>One branch per layer that has every fixed column graded public; attributes are its other public columns.</summary>
    private static async Task<string> BuildSqlAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "SELECT table_name, column_name FROM data_grading WHERE grade = 'public' AND column_name <> '*' ORDER BY 1, 2", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var (table, column) = (reader.GetString(0), reader.GetString(1));
                if (!Identifier().IsMatch(table) || !Identifier().IsMatch(column))
                {
                    throw new InvalidOperationException($"data_grading holds a name that is not a plain identifier: {table}.{column}");
                }
                (columns.TryGetValue(table, out var list) ? list : columns[table] = []).Add(column);
            }
        }
        var branches = Layers.Where(l => columns.TryGetValue(l.Table, out var c) && Fixed.All(c.Contains)).Select(l =>
        {
            var attributes = columns[l.Table].Where(c => !Fixed.Contains(c)).Select(c => $"'{c}', \"{c}\"");
            return $"""
                SELECT '{l.Layer}', county_code, year, spatial_code, area_m2, jsonb_build_object({string.Join(", ", attributes)}), ST_AsGeoJSON(geom_4490, 8)
                FROM {l.Table} WHERE spatial_code = $1
                """;
        }).ToList();
        return branches.Count == 0 ? "" : string.Join("\nUNION ALL\n", branches) + "\nORDER BY 3 DESC, 1";
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Identifier();
}
