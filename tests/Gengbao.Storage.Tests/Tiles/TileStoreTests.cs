using System.Globalization;
using Gengbao.Security.Access;
using Gengbao.Storage.Security;
using Gengbao.Storage.Tests.OneMap;
using Gengbao.Storage.Tiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using Npgsql;

namespace Gengbao.Storage.Tests.Tiles;

/// <summary>
/// The tile SQL (Web Mercator copies and the gb_tiles key functions of migration 0015) draws exactly the features the
/// plain row-level-security query draws: same rows, same attributes, only the caller's region.
/// </summary>
public sealed class TileStoreTests(SampleImportFixture sample) : IClassFixture<SampleImportFixture>
{
    private const int Year = 2024;

    // What a tile held before migration 0015: geom_4490 transformed per row, filtered under RLS by the request role.
    private const string ReferenceSql = """
        SELECT t.spatial_code, t.area_m2::float8
        FROM {0} t
        WHERE t.year = $4
          AND t.geom_4490 && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4490)
          AND ST_AsMVTGeom(ST_Transform(t.geom_4490, 3857), ST_TileEnvelope($1, $2, $3), 4096, 64, true) IS NOT NULL
        """;

    [Theory]
    [InlineData("dltb", 11)]
    [InlineData("dltb", 14)]
    [InlineData("yjjbnt", 12)]
    [InlineData("bhtb", 10)]
    [InlineData("pzyd", 12)]
    [InlineData("gbznt", 11)]
    public async Task A_tile_holds_every_feature_of_the_plain_query_with_its_attributes(string layerId, int z)
    {
        var township = await OwnerScalarAsync<string>("SELECT left(min(zldwdm), 9) FROM dltb");
        var scope = DataScope.ForRegion(RegionScope.Parse(layerId is "dltb" or "yjjbnt" ? township : "622921"));
        var (x, y) = await TileOfAsync(layerId, z, layerId is "dltb" or "yjjbnt" ? $"zldwdm LIKE '{township}%'" : "true");

        var drawn = await DrawnAsync(layerId, z, x, y, scope);
        var expected = await ReferenceAsync(layerId, z, x, y, scope);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), drawn.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_key_functions_return_only_rows_of_the_callers_region()
    {
        var township = await OwnerScalarAsync<string>("SELECT left(min(zldwdm), 9) FROM dltb");
        const string world = "ST_MakeEnvelope(-20037508, -20037508, 20037508, 20037508, 3857)";
        var inTownship = await ScopedScalarAsync<long>(DataScope.ForRegion(RegionScope.Parse(township)),
            $"SELECT count(*) FROM gb_tiles.dltb_in({world}, {Year})");
        Assert.Equal(await OwnerScalarAsync<long>($"SELECT count(*) FROM dltb WHERE year = {Year} AND zldwdm LIKE '{township}%'"), inTownship);
        Assert.Equal(0L, await ScopedScalarAsync<long>(DataScope.Nothing, $"SELECT count(*) FROM gb_tiles.dltb_in({world}, {Year})"));
        Assert.Equal(0L, await ScopedScalarAsync<long>(DataScope.ForRegion(RegionScope.Parse("6201")),
            $"SELECT count(*) FROM gb_tiles.bhtb_in({world}, {Year})"));
    }

    [Fact]
    public async Task Land_use_patches_are_not_served_below_the_zoom_the_map_draws_them()
    {
        var catalog = await new TileStore(sample.DataSource).CatalogAsync();
        Assert.Equal(9, catalog.Layers.Single(l => l.Id == "dltb").MinZoom);
        Assert.Equal(9, catalog.Layers.Single(l => l.Id == "yjjbnt").MinZoom);
        Assert.Equal(0, catalog.Layers.Single(l => l.Id == "admin").MinZoom);
    }

    private async Task<List<string>> DrawnAsync(string layerId, int z, int x, int y, DataScope scope)
    {
        var layer = TileLayer.Find(layerId)!;
        var bytes = await new TileStore(new ScopedConnections(sample.DataSource, scope)).TileAsync(layer, z, x, y, Year);
        using var stream = new MemoryStream(bytes);
        var tile = new MapboxTileReader().Read(stream, new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z));
        return tile.Layers.Where(l => l.Name == layerId).SelectMany(l => l.Features)
            .Select(f => $"{f.Attributes["spatial_code"]}|{Convert.ToDouble(f.Attributes["area_m2"], CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)}")
            .ToList();
    }

    private async Task<List<string>> ReferenceAsync(string layerId, int z, int x, int y, DataScope scope)
    {
        await using var connection = await new ScopedConnections(sample.DataSource, scope).OpenAsync();
        await using var command = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, ReferenceSql, TileLayer.Find(layerId)!.Table), connection);
        command.Parameters.AddWithValue(z);
        command.Parameters.AddWithValue(x);
        command.Parameters.AddWithValue(y);
        command.Parameters.AddWithValue(Year);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)}|{reader.GetDouble(1).ToString("R", CultureInfo.InvariantCulture)}");
        }
        return rows;
    }

    /// <summary>The XYZ tile at zoom z holding a point on the layer's first feature that matches the filter.</summary>
    private async Task<(int X, int Y)> TileOfAsync(string layerId, int z, string filter)
    {
        var table = TileLayer.Find(layerId)!.Table;
        var first = $"SELECT ST_PointOnSurface(geom_4490) p FROM {table} WHERE year = {Year} AND {filter} ORDER BY fid LIMIT 1";
        var lon = await OwnerScalarAsync<double>($"SELECT ST_X(p) FROM ({first}) f");
        var lat = await OwnerScalarAsync<double>($"SELECT ST_Y(p) FROM ({first}) f");
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var y = (int)Math.Floor((1 - Math.Asinh(Math.Tan(lat * Math.PI / 180)) / Math.PI) / 2 * n);
        return (x, y);
    }

    private async Task<T> OwnerScalarAsync<T>(string sql)
    {
        await using var command = sample.DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<T> ScopedScalarAsync<T>(DataScope scope, string sql)
    {
        await using var connection = await new ScopedConnections(sample.DataSource, scope).OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
