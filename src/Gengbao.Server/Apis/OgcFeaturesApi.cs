using System.Globalization;
using System.Text.Json;
using Gengbao.Storage.Ogc;
using Microsoft.AspNetCore.WebUtilities;

namespace Gengbao.Server.Apis;

/// <summary>
/// OGC API – Features, Part 1 Core (GeoJSON, OpenAPI 3.0) and Part 2 (CRS by reference), at <c>/ogc</c>, for other GIS
/// software (GDAL's OAPIF driver, QGIS): one collection per one-map layer, rows of the caller's region only
/// (row-level security through <see cref="NpgsqlStores"/>). Behind sign-in like all data; GDAL sends the bearer
/// token with <c>--config GDAL_HTTP_HEADERS "Authorization: Bearer TOKEN"</c> (docs/exchange.md).
/// </summary>
public static class OgcFeaturesApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10000;

    private const string GeoJson = "application/geo+json";
    private const string Json = "application/json";

    private static readonly string[] Conformance =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    ];

    public static void MapOgcFeaturesApi(this IEndpointRouteBuilder app)
    {
        var ogc = app.MapGroup("/ogc").WithTags("OGC API Features");
        ogc.MapGet("", (Func<HttpContext, Task<IResult>>)Landing).WithName("OgcLanding").WithSummary("OGC API – Features landing page");
        ogc.MapGet("/conformance", (Func<HttpContext, Task<IResult>>)Conforms).WithName("OgcConformance").WithSummary("Conformance classes implemented");
        ogc.MapGet("/api", (Func<HttpContext, Task<IResult>>)ServiceDescription).WithName("OgcServiceDescription").WithSummary("OpenAPI 3.0 description of the OGC API");
        ogc.MapGet("/collections", Collections).WithName("OgcCollections").WithSummary("The one-map layers as feature collections");
        ogc.MapGet("/collections/{collectionId}", Collection).WithName("OgcCollection").WithSummary("One collection: extent, CRSs");
        ogc.MapGet("/collections/{collectionId}/items", Items).WithName("OgcItems").WithSummary("Features (GeoJSON) with bbox, limit/offset paging, crs");
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", Item).WithName("OgcItem").WithSummary("One feature by id county-year-fid");
    }

    private static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/ogc";

    private static IResult? BadFormat(HttpRequest request) =>
        request.Query["f"].ToString() is "" or "json" or "geojson" or Json or GeoJson
            ? null
            : Results.Problem($"format '{request.Query["f"]}' is not offered: use f=json", statusCode: StatusCodes.Status400BadRequest);

    private static async Task<IResult> Landing(HttpContext http)
    {
        if (BadFormat(http.Request) is { } bad)
        {
            return bad;
        }
        var b = Base(http.Request);
        return await WriteAsync(http, Json, w =>
        {
            w.WriteString("title", "Gengbao one map (耕保一张图)");
            w.WriteString("description", "Farmland-protection one-map layers, OGC API – Features");
            Links(w, [(b, "self", Json, "this document"), (b + "/api", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "API definition"),
                (b + "/conformance", "conformance", Json, "conformance classes"), (b + "/collections", "data", Json, "feature collections")]);
        });
    }

    private static async Task<IResult> Conforms(HttpContext http) => await WriteAsync(http, Json, w =>
    {
        w.WriteStartArray("conformsTo");
        foreach (var c in Conformance)
        {
            w.WriteStringValue(c);
        }
        w.WriteEndArray();
    });

    private static async Task<IResult> Collections(HttpContext http, NpgsqlStores stores, CancellationToken ct)
    {
        if (BadFormat(http.Request) is { } bad)
        {
            return bad;
        }
        var infos = new List<OgcCollectionInfo>();
        foreach (var c in OgcCollection.All)
        {
            infos.Add(await stores.OgcFeatures.DescribeAsync(c, ct));
        }
        var b = Base(http.Request);
        return await WriteAsync(http, Json, w =>
        {
            Links(w, [(b + "/collections", "self", Json, "collections")]);
            w.WriteStartArray("crs");
            foreach (var crs in AllCrs(infos.SelectMany(i => i.StorageSrids)))
            {
                w.WriteStringValue(crs);
            }
            w.WriteEndArray();
            w.WriteStartArray("collections");
            foreach (var info in infos)
            {
                w.WriteStartObject();
                WriteCollection(w, info, b);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    private static async Task<IResult> Collection(string collectionId, HttpContext http, NpgsqlStores stores, CancellationToken ct)
    {
        if (BadFormat(http.Request) is { } bad)
        {
            return bad;
        }
        if (OgcCollection.Find(collectionId) is not { } collection)
        {
            return NoCollection(collectionId);
        }
        var info = await stores.OgcFeatures.DescribeAsync(collection, ct);
        return await WriteAsync(http, Json, w => WriteCollection(w, info, Base(http.Request)));
    }

    private static async Task<IResult> Items(string collectionId, HttpContext http, NpgsqlStores stores, CancellationToken ct)
    {
        var request = http.Request;
        if (BadFormat(request) is { } bad)
        {
            return bad;
        }
        if (OgcCollection.Find(collectionId) is not { } collection)
        {
            return NoCollection(collectionId);
        }
        if (!TryParseQuery(request, collection, out var query, out var error))
        {
            return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        }
        var matched = await stores.OgcFeatures.CountAsync(query, ct);
        var response = http.Response;
        response.ContentType = GeoJson;
        response.Headers["Content-Crs"] = $"<{query.Crs.Uri}>";
        await using var w = new Utf8JsonWriter(response.Body);
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        var returned = 0;
        await foreach (var row in stores.OgcFeatures.ItemsAsync(query, ct))
        {
            WriteFeature(w, row);
            returned++;
            if (w.BytesPending > 64 * 1024)
            {
                await w.FlushAsync(ct);
            }
        }
        w.WriteEndArray();
        w.WriteNumber("numberMatched", matched);
        w.WriteNumber("numberReturned", returned);
        w.WriteString("timeStamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var self = $"{Base(request)}/collections/{collection.Id}/items";
        var links = new List<(string, string, string, string)> { (self + request.QueryString, "self", GeoJson, "this page") };
        if (query.Offset + returned < matched)
        {
            links.Add((self + WithOffset(request, query.Offset + query.Limit, query.Limit), "next", GeoJson, "next page"));
        }
        if (query.Offset > 0)
        {
            links.Add((self + WithOffset(request, Math.Max(0, query.Offset - query.Limit), query.Limit), "prev", GeoJson, "previous page"));
        }
        Links(w, links);
        w.WriteEndObject();
        await w.FlushAsync(ct);
        return Results.Empty;
    }

    private static async Task<IResult> Item(string collectionId, string featureId, HttpContext http, NpgsqlStores stores, CancellationToken ct)
    {
        if (BadFormat(http.Request) is { } bad)
        {
            return bad;
        }
        if (OgcCollection.Find(collectionId) is not { } collection)
        {
            return NoCollection(collectionId);
        }
        if (OgcCrs.Parse(http.Request.Query["crs"]) is not { } crs)
        {
            return Results.Problem($"crs '{http.Request.Query["crs"]}' is not offered", statusCode: StatusCodes.Status400BadRequest);
        }
        if (await stores.OgcFeatures.FindAsync(collection, featureId, crs, ct) is not { } row)
        {
            return Results.Problem($"collection '{collectionId}' has no feature '{featureId}' in your region", statusCode: StatusCodes.Status404NotFound);
        }
        http.Response.Headers["Content-Crs"] = $"<{crs.Uri}>";
        var b = Base(http.Request);
        return await WriteAsync(http, GeoJson, w =>
        {
            WriteFeatureBody(w, row);
            Links(w, [($"{b}/collections/{collection.Id}/items/{featureId}", "self", GeoJson, "this feature"),
                ($"{b}/collections/{collection.Id}", "collection", Json, "the collection")]);
        });
    }

    private static IResult NoCollection(string id) => Results.Problem(
        $"no collection '{id}': the collections are {string.Join(", ", OgcCollection.All.Select(c => c.Id))}", statusCode: StatusCodes.Status404NotFound);

    private static bool TryParseQuery(HttpRequest request, OgcCollection collection, out OgcItemsQuery query, out string error)
    {
        query = null!;
        error = "";
        var q = request.Query;
        var limit = DefaultLimit;
        if (q.ContainsKey("limit") && (!int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            error = $"limit '{q["limit"]}' must be a whole number from 1 to {MaxLimit}";
            return false;
        }
        long offset = 0;
        if (q.ContainsKey("offset") && (!long.TryParse(q["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
        {
            error = $"offset '{q["offset"]}' must be a whole number ≥ 0";
            return false;
        }
        int? year = null;
        if (q.ContainsKey("year"))
        {
            if (!int.TryParse(q["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            {
                error = $"year '{q["year"]}' is not a year";
                return false;
            }
            year = y;
        }
        if (OgcCrs.Parse(q["crs"]) is not { } crs)
        {
            error = $"crs '{q["crs"]}' is not offered: use CRS84, EPSG 4490 or a CGCS2000 Gauss–Krüger zone (EPSG 4513–4554)";
            return false;
        }
        if (OgcCrs.Parse(q["bbox-crs"]) is not { } bboxCrs)
        {
            error = $"bbox-crs '{q["bbox-crs"]}' is not offered";
            return false;
        }
        double[]? bbox = null;
        if (q.ContainsKey("bbox"))
        {
            var parts = q["bbox"].ToString().Split(',');
            var values = new double[parts.Length];
            if (parts.Length is not (4 or 6) || parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).Any(ok => !ok))
            {
                error = $"bbox '{q["bbox"]}' must be four (or six) numbers: min x, min y, max x, max y in the axis order of bbox-crs";
                return false;
            }
            bbox = parts.Length == 4 ? values : [values[0], values[1], values[3], values[4]];
            if (bbox[0] > bbox[2] || bbox[1] > bbox[3])
            {
                error = $"bbox '{q["bbox"]}' has a minimum above its maximum";
                return false;
            }
        }
        query = new OgcItemsQuery(collection, Math.Min(limit, MaxLimit), offset, bbox, bboxCrs, crs, year);
        return true;
    }

    private static string WithOffset(HttpRequest request, long offset, int limit)
    {
        var pairs = request.Query.Where(p => p.Key is not ("offset" or "limit"))
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString())).ToList();
        pairs.Add(new("limit", limit.ToString(CultureInfo.InvariantCulture)));
        pairs.Add(new("offset", offset.ToString(CultureInfo.InvariantCulture)));
        return QueryString.Create(pairs).ToString();
    }

    private static IEnumerable<string> AllCrs(IEnumerable<int> storageSrids) =>
        new[] { OgcCrs.Crs84.Uri, OgcCrs.Epsg(4490).Uri }.Concat(storageSrids.Distinct().Order().Select(s => OgcCrs.Epsg(s).Uri)).Distinct();

    private static void WriteCollection(Utf8JsonWriter w, OgcCollectionInfo info, string b)
    {
        var c = info.Collection;
        w.WriteString("id", c.Id);
        w.WriteString("title", c.Title);
        w.WriteString("description", c.Description);
        w.WriteString("itemType", "feature");
        if (info.Extent is { } e)
        {
            w.WriteStartObject("extent");
            w.WriteStartObject("spatial");
            w.WriteStartArray("bbox");
            w.WriteStartArray();
            foreach (var v in e)
            {
                w.WriteNumberValue(v);
            }
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteString("crs", OgcCrs.Crs84Uri);
            w.WriteEndObject();
            if (info.Years.Count > 0)
            {
                w.WriteStartObject("temporal");
                w.WriteStartArray("interval");
                w.WriteStartArray();
                w.WriteStringValue($"{info.Years[0]}-01-01T00:00:00Z");
                w.WriteStringValue($"{info.Years[^1]}-12-31T23:59:59Z");
                w.WriteEndArray();
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteStartArray("crs");
        foreach (var crs in AllCrs(info.StorageSrids))
        {
            w.WriteStringValue(crs);
        }
        w.WriteEndArray();
        w.WriteString("storageCrs", info.StorageSrids.Count == 1 ? OgcCrs.Epsg(info.StorageSrids[0]).Uri : OgcCrs.Epsg(4490).Uri);
        Links(w, [($"{b}/collections/{c.Id}", "self", Json, "this collection"),
            ($"{b}/collections/{c.Id}/items", "items", GeoJson, "the features")]);
    }

    private static void WriteFeature(Utf8JsonWriter w, OgcFeatureRow row)
    {
        w.WriteStartObject();
        WriteFeatureBody(w, row);
        w.WriteEndObject();
    }

    private static void WriteFeatureBody(Utf8JsonWriter w, OgcFeatureRow row)
    {
        w.WriteString("type", "Feature");
        w.WriteString("id", row.Id);
        w.WritePropertyName("geometry");
        w.WriteRawValue(row.GeometryJson, skipInputValidation: true);
        w.WritePropertyName("properties");
        w.WriteRawValue(row.PropertiesJson, skipInputValidation: true);
    }

    private static void Links(Utf8JsonWriter w, IEnumerable<(string Href, string Rel, string Type, string Title)> links)
    {
        w.WriteStartArray("links");
        foreach (var (href, rel, type, title) in links)
        {
            w.WriteStartObject();
            w.WriteString("href", href);
            w.WriteString("rel", rel);
            w.WriteString("type", type);
            w.WriteString("title", title);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static async Task<IResult> WriteAsync(HttpContext http, string contentType, Action<Utf8JsonWriter> body)
    {
        http.Response.ContentType = contentType;
        await using (var w = new Utf8JsonWriter(http.Response.Body))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Results.Empty;
    }

    private static Task<IResult> ServiceDescription(HttpContext http) =>
        Task.FromResult(Results.Text(OgcOpenApi.Document(Base(http.Request)), "application/vnd.oai.openapi+json;version=3.0"));
}
