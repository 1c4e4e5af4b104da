using System.Text.Json;
using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Gengbao.Server.Apis;

/// <summary>The one map's tools: the search box and the measure tool (official area of a drawn polygon).</summary>
public static class OneMapToolsApi
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public static void MapOneMapToolsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/onemap").WithTags("One map");
        api.MapGet("/search", async (string? q, int? limit, NpgsqlStores stores, CancellationToken ct) =>
                Results.Ok(await stores.Search.RunAsync(q ?? "", Math.Clamp(limit ?? 10, 1, 50), ct)))
            .WithName("SearchOneMap").WithSummary("Search by spatial-code prefix, admin unit name or code, or monitoring number (JCBH); bbox in CGCS2000 lon/lat");
        api.MapPost("/measure", (JsonElement body) =>
            {
                var geometry = ReadPolygonal(body, out var error);
                return geometry is null
                    ? Results.Problem(error, statusCode: StatusCodes.Status400BadRequest)
                    : Results.Ok(Measure(geometry));
            })
            .WithName("MeasureArea").WithSummary("Official ellipsoidal area (m², mu) of a GeoJSON Polygon or MultiPolygon in EPSG:4490 lon/lat");
    }

    /// <summary>The measure tool's answer: official area in m² (rounded to 0.01) and mu, and the zone used.</summary>
    public sealed record MeasureResult(double AreaM2, double AreaMu, int ZoneEpsg, string Zone);

    /// <summary>
    /// Official area the way imported parcels get theirs: the polygon goes into the CGCS2000 3-degree Gauss–Krüger zone
    /// of its centroid longitude (domain.md §4.2), then <see cref="EllipsoidalArea.OfGaussKruger"/>, rounded like TBMJ.
    /// </summary>
    public static MeasureResult Measure(Geometry lonLat)
    {
        ArgumentNullException.ThrowIfNull(lonLat);
        var zone = CgcsCrs.ThreeDegreeZoneFor(lonLat.Centroid.X, withPrefix: true);
        var m2 = EllipsoidalArea.Round(EllipsoidalArea.OfGaussKruger(GeometryReprojector.ToZone(lonLat, zone), zone));
        return new MeasureResult(m2, Math.Round(Mu.FromSquareMetres(m2), 4, MidpointRounding.AwayFromZero), zone.Epsg, zone.Name);
    }

    private static Geometry? ReadPolygonal(JsonElement body, out string error)
    {
        error = "";
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && type.GetString() == "Feature" && body.TryGetProperty("geometry", out var inner))
        {
            body = inner;
        }
        Geometry? geometry;
        try
        {
            geometry = body.Deserialize<Geometry>(GeoJson);
        }
        catch (JsonException e)
        {
            error = $"not a GeoJSON geometry: {e.Message}";
            return null;
        }
        if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
        {
            error = "expected a non-empty GeoJSON Polygon or MultiPolygon in EPSG:4490 lon/lat";
            return null;
        }
        var env = geometry.EnvelopeInternal;
        if (env.MinX < 73.5 || env.MaxX > 136.5 || env.MinY < -90 || env.MaxY > 90)
        {
            error = "coordinates must be CGCS2000 lon/lat within the Gauss–Krüger zones of China (73.5°E–136.5°E)";
            return null;
        }
        if (!geometry.IsValid)
        {
            error = "the polygon is not valid (self-intersecting?)";
            return null;
        }
        return geometry;
    }
}
