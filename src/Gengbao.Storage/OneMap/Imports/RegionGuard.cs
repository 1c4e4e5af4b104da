using Gengbao.Import.Layers;
using Gengbao.Import.Model;
using Gengbao.Import.Validation;
using Npgsql;

namespace Gengbao.Storage.OneMap.Imports;

/// <summary>
/// Keeps a region admin's import inside his region. The importer runs as the owner (row-level security does not apply
/// to it), so before the commit every feature written is checked: a county-or-wider region must contain the
/// feature's county; a township or village region must be a prefix of its location code (ZLDWDM, or XZQDM for admin
/// units). A layer without location codes cannot be shown to lie inside such a region and is refused whole.
/// Any feature outside fails the import, which then rolls back: nothing is written.
/// </summary>
internal static class RegionGuard
{
    private const int ShownPerLayer = 50;

    public static async Task CheckAsync(NpgsqlConnection connection, string region, string path, string fileName,
        IReadOnlyList<ImportedLayer> layers, CancellationToken cancellationToken)
    {
        if (region.Length == 0)
        {
            return; // a system admin: the whole country
        }
        var problems = new List<ImportProblem>();
        foreach (var group in layers.GroupBy(l => (l.Layer, l.SourceLayer)))
        {
            var schema = LayerSchemas.ByName(group.Key.Layer)!;
            var isXzq = schema.Kind == LayerKind.Xzq;
            var table = isXzq ? "admin_unit" : schema.Table;
            var location = isXzq ? "code" : schema.LocationColumn?.Column;
            var key = isXzq ? "code" : schema.IdentifierColumn?.Column;
            var outside = region.Length <= 6
                ? "NOT starts_with(county_code, $2)"
                : location is null ? "true" : $"NOT starts_with({location}, $2)";
            await using var command = new NpgsqlCommand($"""
                SELECT fid, {key ?? "NULL"}::text, county_code, {location ?? "NULL"}::text, count(*) OVER ()
                FROM {table} WHERE version_id = ANY($1) AND {outside} ORDER BY fid LIMIT {ShownPerLayer}
                """, connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue(group.Select(l => l.VersionId).ToArray());
            command.Parameters.AddWithValue(region);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            long total = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                total = reader.GetInt64(4);
                var code = reader.IsDBNull(3) ? null : reader.GetString(3);
                var where = code is null ? $"county {reader.GetString(2)}" : $"{code} (county {reader.GetString(2)})";
                var field = location is null ? null : isXzq ? "XZQDM" : schema.LocationColumn!.Code;
                var message = location is null && region.Length > 6
                    ? $"the layer has no location code to show the feature lies inside your region {region}; a county or higher admin imports it"
                    : $"{where} is outside your region {region}; you may import only features of your region";
                problems.Add(new ImportProblem(path, group.Key.SourceLayer, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), field, message));
            }
            if (total > ShownPerLayer)
            {
                problems.Add(new ImportProblem(path, group.Key.SourceLayer, null, null, null,
                    $"… {total - ShownPerLayer} more feature(s) of this layer outside your region {region}"));
            }
        }
        if (problems.Count > 0)
        {
            throw new ImportFailedException(fileName, problems);
        }
    }
}
