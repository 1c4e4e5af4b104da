using Gengbao.Exchange.Catalog;
using Gengbao.Exchange.Packages;
using Gengbao.Import.GeoPackage;
using Gengbao.Import.Layers;
using Gengbao.Import.Model;
using Gengbao.Storage.Security;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Exchange;

/// <summary>
/// Packs a one-map catalog item of a region and year from this database: its layers into one GeoPackage (standard
/// field codes, the stored Gauss–Krüger zone), then the package zip with manifest and SM3 (docs/exchange.md). Over
/// <see cref="ScopedConnections"/> only the caller's region can be packed (row-level security).
/// </summary>
public sealed class PackageBuilder(IConnectionSource connections)
{
    public async Task<PackageManifest> BuildAsync(CatalogItem item, string region, int year, PackageProducer producer, DateTimeOffset now,
        Stream output, string scratchFolder, CancellationToken cancellationToken = default, Func<byte[], byte[]>? sign = null)
    {
        if (!item.OneMapLayers)
        {
            throw new InvalidOperationException($"catalog item {item.Id} is not held in the one map: its owner packs it from their own system");
        }
        var gpkg = Path.Combine(scratchFolder, $"{item.Id}.gpkg");
        var layers = new List<PackageLayer>();
        var entry = $"data/{item.Id}.gpkg";
        using (var writer = GeoPackageWriter.Create(gpkg))
        {
            try
            {
                await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
                foreach (var layer in item.Layers)
                {
                    var schema = LayerSchemas.ByName(layer.Name) ?? throw new InvalidOperationException($"{layer.Name} is not a one-map layer");
                    var (count, srid) = await WriteLayerAsync(connection, writer, schema, region, year, cancellationToken).ConfigureAwait(false);
                    layers.Add(new PackageLayer(schema.Code, entry, count, srid));
                }
            }
            catch
            {
                writer.Abort();
                throw;
            }
        }
        await using var data = File.OpenRead(gpkg);
        return PackageWriter.Write(output, new PackageManifest
        {
            CatalogItem = item.Id, Producer = producer, Region = region, Year = year, CreatedAt = now,
            Period = item.Frequency == DeliveryFrequency.Annual ? "annual" : now.Month <= 6 ? "H1" : "H2",
            Layers = layers, Files = [],
        }, [(entry, data)], sign);
    }

    private static async Task<(long Count, int Srid)> WriteLayerAsync(NpgsqlConnection connection, GeoPackageWriter writer, LayerSchema schema,
        string region, int year, CancellationToken cancellationToken)
    {
        var table = schema.Kind == LayerKind.Xzq ? "admin_unit" : schema.Table;
        var columns = schema.Columns.Select(c => schema.Kind == LayerKind.Xzq ? c.Code switch
        {
            "XZQDM" => "code", "XZQMC" => "name", "JB" => "level::int", "SJDM" => "parent_code", _ => "NULL",
        } : c.Column).ToList();
        await using var command = new NpgsqlCommand($"""
            SELECT {string.Join(", ", columns)}, geom, ST_SRID(geom) FROM {table}
            WHERE county_code LIKE $1 || '%' AND year = $2 ORDER BY county_code, fid
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(region);
        command.Parameters.AddWithValue(year);
        var fields = schema.Columns.Select(c => new SourceField(c.Code, c.Kind switch
        {
            ColumnKind.Integer => FieldType.Integer,
            ColumnKind.Numeric => FieldType.Real,
            ColumnKind.Date => FieldType.Date,
            _ => FieldType.Text,
        })).ToList();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long count = 0;
        var srid = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var rowSrid = reader.GetInt32(columns.Count + 1);
            if (count == 0)
            {
                srid = rowSrid;
                writer.BeginLayer(schema.Code, srid, fields);
            }
            else if (rowSrid != srid)
            {
                throw new InvalidOperationException($"{schema.Code} of {region} {year} spans two zones (EPSG {srid} and {rowSrid}): pack one county at a time");
            }
            var values = new object?[fields.Count];
            for (var i = 0; i < fields.Count; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                {
                    decimal d => (double)d,
                    int n => (long)n,
                    short n => (long)n,
                    DateTime t => DateOnly.FromDateTime(t),
                    var v => v,
                };
            }
            writer.Write(reader.GetFieldValue<Geometry>(columns.Count), values);
            count++;
        }
        if (count == 0)
        {
            throw new InvalidOperationException($"no {schema.Code} features of {year} are stored under {region}");
        }
        writer.EndLayer();
        return (count, srid);
    }
}
