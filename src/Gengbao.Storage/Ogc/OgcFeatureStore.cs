using System.Globalization;
using System.Runtime.CompilerServices;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Ogc;

/// <summary>
/// The one map read as OGC API – Features collections (docs/exchange.md). Over <see cref="ScopedConnections"/> the
/// rows are those of the caller's region (row-level security); the queries never name a region themselves.
/// Properties are the layer table's columns, survey codes in upper case as the standards name them (DLBM, TBMJ,
/// ZLDWDM), bookkeeping columns (county_code, year, fid, spatial_code, area_m2) in lower case; <c>attrs</c> (the
/// source's extra fields) is left out so that every feature of a collection has the same schema.
/// </summary>
public sealed class OgcFeatureStore(IConnectionSource connections)
{
    private const string Bookkeeping = "'county_code','year','fid','spatial_code','area_m2','code','name','level','parent_code'";

    public async Task<OgcCollectionInfo> DescribeAsync(OgcCollection collection, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e),
                   (SELECT coalesce(array_agg(DISTINCT year ORDER BY year), '{"{}"}') FROM layer_version WHERE layer = $1 AND status = 'current'),
                   (SELECT coalesce(array_agg(DISTINCT srid ORDER BY srid), '{"{}"}') FROM layer_version WHERE layer = $1 AND status = 'current')
            FROM (SELECT ST_Extent(geom_4490) AS e FROM {collection.Table}) x
            """, connection);
        command.Parameters.AddWithValue(collection.LayerCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        double[]? extent = reader.IsDBNull(0) ? null : [reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)];
        return new OgcCollectionInfo(collection, extent, reader.GetFieldValue<int[]>(4), reader.GetFieldValue<int[]>(5).Where(OgcCrs.IsServed).ToArray());
    }

    public async Task<long> CountAsync(OgcItemsQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {query.Collection.Table} x WHERE {Where(query, out var parameters)}", connection);
        command.Parameters.AddRange(parameters);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The page, ordered by county, year and FID (stable for offset paging).</summary>
    public async IAsyncEnumerable<OgcFeatureRow> ItemsAsync(OgcItemsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT {Columns(query.Collection, query.Crs)} FROM {query.Collection.Table} x WHERE {Where(query, out var parameters)}
            ORDER BY county_code, year, {Key(query.Collection)} LIMIT {query.Limit} OFFSET {query.Offset}
            """);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new OgcFeatureRow(reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
    }

    /// <summary>One feature by its id <c>county-year-fid</c> (for XZQ the admin code in place of the FID); null if absent or out of scope.</summary>
    public async Task<OgcFeatureRow?> FindAsync(OgcCollection collection, string featureId, OgcCrs crs, CancellationToken cancellationToken = default)
    {
        var parts = featureId.Split('-');
        if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }
        var isAdmin = collection.Table == "admin_unit";
        if (!isAdmin && !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns(collection, crs)} FROM {collection.Table} x WHERE county_code = $1 AND year = $2 AND {Key(collection)} = $3", connection);
        command.Parameters.AddWithValue(parts[0]);
        command.Parameters.AddWithValue(year);
        command.Parameters.AddWithValue(isAdmin ? parts[2] : long.Parse(parts[2], CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new OgcFeatureRow(reader.GetString(0), reader.GetString(1), reader.GetString(2))
            : null;
    }

    private static string Key(OgcCollection collection) => collection.Table == "admin_unit" ? "code" : "fid";

    private static string Columns(OgcCollection collection, OgcCrs crs)
    {
        var geometry = crs.Srid == 4490
            ? crs.NorthingFirst ? "ST_FlipCoordinates(geom_4490)" : "geom_4490"
            : string.Create(CultureInfo.InvariantCulture,
                $"ST_FlipCoordinates(CASE WHEN ST_SRID(geom) = {crs.Srid} THEN geom ELSE ST_Transform(geom_4490, {crs.Srid}) END)");
        var digits = crs.Srid == 4490 ? 9 : 3;
        return $"""
            x.county_code || '-' || x.year || '-' || x.{Key(collection)},
            (SELECT jsonb_object_agg(CASE WHEN key IN ({Bookkeeping}) THEN key ELSE upper(key) END, value)
             FROM jsonb_each(to_jsonb(x) - 'geom' - 'geom_4490' - 'attrs' - 'version_id'))::text,
            ST_AsGeoJSON({geometry}, {digits})
            """;
    }

    private static string Where(OgcItemsQuery query, out NpgsqlParameter[] parameters)
    {
        var list = new List<NpgsqlParameter>();
        string year;
        if (query.Year is { } y)
        {
            list.Add(new NpgsqlParameter { Value = y });
            year = "x.year = $1";
        }
        else
        {
            list.Add(new NpgsqlParameter { Value = query.Collection.LayerCode });
            year = "(x.county_code, x.year) IN (SELECT county_code, max(year) FROM layer_version WHERE layer = $1 AND status = 'current' GROUP BY county_code)";
        }
        var where = year;
        if (query.Bbox is { } b)
        {
            // Axis order of the bbox CRS: CRS84 is x, y; EPSG's geographic and Gauss–Krüger CRSs are northing first.
            var (x1, y1, x2, y2) = query.BboxCrs.NorthingFirst ? (b[1], b[0], b[3], b[2]) : (b[0], b[1], b[2], b[3]);
            foreach (var v in new[] { x1, y1, x2, y2 })
            {
                list.Add(new NpgsqlParameter { Value = v });
            }
            var envelope = query.BboxCrs.Srid == 4490
                ? "ST_MakeEnvelope($2, $3, $4, $5, 4490)"
                : string.Create(CultureInfo.InvariantCulture, $"ST_Transform(ST_MakeEnvelope($2, $3, $4, $5, {query.BboxCrs.Srid}), 4490)");
            where += $" AND x.geom_4490 && {envelope} AND ST_Intersects(x.geom_4490, {envelope})";
        }
        parameters = [.. list];
        return where;
    }
}
