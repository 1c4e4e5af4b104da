using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gengbao.Storage.Tiles;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace Gengbao.Server.Apis;

/// <summary>
/// Mapbox Vector Tiles of the one map's layers, made by PostGIS (<c>src/Gengbao.Storage/Tiles/*.tile.query.sql</c>).
/// Each tile's ETag is derived from the layer's current <c>layer_version</c> ids, its SQL and the year, so a new import
/// invalidates it: browsers revalidate (<c>Cache-Control: no-cache</c>) and get 304 while the data is unchanged, and
/// the server keeps recent tiles in memory under the same key.
/// </summary>
public static class TileApi
{
    private const int MaxZoom = 22;

    public static void MapTileApi(this IEndpointRouteBuilder app)
    {
        var tiles = app.MapGroup("/tiles").WithTags("Tiles");
        tiles.MapGet("/layers.json", async (NpgsqlStores stores, CancellationToken ct) => Results.Ok(await stores.Tiles.CatalogAsync(ct)))
            .WithName("ListTileLayers").WithSummary("Tiled layers with their survey years, and the data extent in CGCS2000 lon/lat");
        tiles.MapGet("/{layer}/{z:int}/{x:int}/{y:int}.mvt", GetTileAsync)
            .WithName("GetTile").WithSummary("One Mapbox Vector Tile (EPSG:3857 grid) of admin, dltb, yjjbnt, gbznt, pzyd or bhtb; ?year= defaults to the latest; 204 below the layer's minZoom");
    }

    private static async Task<IResult> GetTileAsync(string layer, int z, int x, int y, int? year, HttpContext context,
        NpgsqlStores stores, TileCache cache, CancellationToken ct)
    {
        if (TileLayer.Find(layer) is not { } tileLayer)
        {
            return Results.Problem($"no tiled layer '{layer}'; layers are {string.Join(", ", TileLayer.All.Select(l => l.Id))}",
                statusCode: StatusCodes.Status404NotFound);
        }
        if (z is < 0 or > MaxZoom || x < 0 || y < 0 || x >= (1L << z) || y >= (1L << z))
        {
            return Results.Problem($"tile {z}/{x}/{y} is outside the tile grid", statusCode: StatusCodes.Status400BadRequest);
        }
        if (z < tileLayer.MinZoom)
        {
            // Not drawn at this zoom (TileLayer.MinZoom): nothing to revalidate, and no query.
            context.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { NoCache = true };
            return Results.NoContent();
        }
        var stamp = await stores.Tiles.StampAsync(tileLayer, ct);
        var tileYear = year ?? stamp.LatestYear;
        var etag = ETag(tileLayer, stamp, tileYear, stores.Scope.Region);
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        if (tileYear is not { } y4)
        {
            return Results.NoContent();
        }
        var key = $"{etag.Tag}/{z}/{x}/{y}";
        if (!cache.TryGet(key, out var bytes))
        {
            bytes = await stores.Tiles.TileAsync(tileLayer, z, x, y, y4, ct);
            cache.Set(key, bytes);
        }
        return bytes.Length == 0 ? Results.NoContent() : Results.Bytes(bytes, "application/vnd.mapbox-vector-tile");
    }

    /// <summary>Also keys the server's tile cache, so it names the caller's region: two regions never share a tile.</summary>
    private static EntityTagHeaderValue ETag(TileLayer layer, TileStamp stamp, int? year, string region)
    {
        var source = $"{layer.Id}|{stamp.VersionIds}|{year?.ToString(CultureInfo.InvariantCulture)}|{region}|{layer.Sql}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..20];
        return new EntityTagHeaderValue($"\"{layer.Id}-{hash}\"");
    }
}
