using Gengbao.Import.Layers;
using Gengbao.Import.Model;
using Gengbao.Storage.Database;
using Gengbao.Storage.Ledger;
using Gengbao.Storage.Screening;
using Npgsql;

namespace Gengbao.Storage.OneMap;

/// <summary>
/// Replaces the current version of a layer for each county in the stage: the old version is marked superseded (its
/// record kept, its rows removed), a new version is recorded, and the staged rows move into the layer's table.
/// Runs inside the importer's transaction.
/// </summary>
internal static class VersionSwap
{
    public sealed record Source(string Path, string Layer, string Sha256, int Srid, string ImportedBy);

    public static async Task<IReadOnlyList<ImportedLayer>> ApplyAsync(NpgsqlConnection connection, LayerSchema schema, LayerStager stager,
        Source source, int year, ScreeningInvalidation invalidation, CancellationToken cancellationToken)
    {
        var counties = stager.Counties.Order(StringComparer.Ordinal).ToArray();
        if (counties.Length == 0)
        {
            return [];
        }
        var table = schema.Kind == LayerKind.Xzq ? "admin_unit" : schema.Table;
        // Serialise imports of the same layer and year so two concurrent ones cannot both become current.
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext($1))", cancellationToken, $"{schema.Code}/{year}").ConfigureAwait(false);
        // Before the old version is superseded: the invalidation compares the old rows with the staged ones.
        await invalidation.BeforeSwapAsync(connection, schema.Code, table, stager.StageTable, year, counties, cancellationToken).ConfigureAwait(false);

        var replaced = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var supersede = new NpgsqlCommand("""
            UPDATE layer_version SET status = 'superseded', superseded_at = now()
            WHERE layer = $1 AND year = $2 AND county_code = ANY($3) AND status = 'current'
            RETURNING county_code, id
            """, connection))
        {
            supersede.Parameters.AddWithValue(schema.Code);
            supersede.Parameters.AddWithValue(year);
            supersede.Parameters.AddWithValue(counties);
            await using var reader = await supersede.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                replaced[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        await connection.ExecuteAsync($"DELETE FROM {table} WHERE year = $1 AND county_code = ANY($2)", cancellationToken, year, counties).ConfigureAwait(false);

        var versions = new List<ImportedLayer>();
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO layer_version (layer, county_code, year, status, source_file, source_layer, source_sha256, feature_count, srid, extra_fields, imported_by)
            SELECT $1, county_code, $2, 'current', $3, $4, $5, count(*), $6, $7, $8 FROM {stager.StageTable} GROUP BY county_code
            RETURNING county_code, id, feature_count
            """, connection))
        {
            insert.Parameters.AddWithValue(schema.Code);
            insert.Parameters.AddWithValue(year);
            insert.Parameters.AddWithValue(Path.GetFullPath(source.Path));
            insert.Parameters.AddWithValue(source.Layer);
            insert.Parameters.AddWithValue(source.Sha256);
            insert.Parameters.AddWithValue(source.Srid);
            insert.Parameters.AddWithValue(stager.ExtraFields.ToArray());
            insert.Parameters.AddWithValue(source.ImportedBy);
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var county = reader.GetString(0);
                versions.Add(new ImportedLayer(schema.Code, source.Layer, county, year, reader.GetInt64(1), reader.GetInt64(2),
                    replaced.TryGetValue(county, out var old) ? old : null));
            }
        }

        var columns = string.Join(", ", stager.Columns.Select(c => c.Name));
        await connection.ExecuteAsync($"""
            INSERT INTO {table} (county_code, year, version_id, fid, {columns}, area_m2, spatial_code, attrs, geom, geom_4490)
            SELECT s.county_code, $1, v.id, s.fid, {string.Join(", ", stager.Columns.Select(c => "s." + c.Name))},
                   s.area_m2, s.spatial_code, s.attrs, s.geom, s.geom_4490
            FROM {stager.StageTable} s
            JOIN layer_version v ON v.layer = $2 AND v.year = $1 AND v.status = 'current' AND v.county_code = s.county_code
            """, cancellationToken, year, schema.Code).ConfigureAwait(false);
        // The ledger's per-village stocks of the replaced counties and year (docs/ledger.md §1), in the same transaction.
        await LedgerStocks.RefreshAsync(connection, table, year, counties, cancellationToken).ConfigureAwait(false);
        return versions.OrderBy(v => v.CountyCode, StringComparer.Ordinal).ToList();
    }

}
