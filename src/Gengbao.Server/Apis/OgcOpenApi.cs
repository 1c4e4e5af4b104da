using System.Text.Json.Nodes;

namespace Gengbao.Server.Apis;

/// <summary>
/// The OpenAPI 3.0 document the OGC landing page links as <c>service-desc</c>: minimal, but valid, and it states the
/// paging limits (clients such as GDAL read the <c>limit</c> parameter's maximum from it).
/// </summary>
internal static class OgcOpenApi
{
    public static string Document(string baseUrl)
    {
        static JsonObject Parameter(string name, string type, string description, JsonObject? extra = null)
        {
            var schema = new JsonObject { ["type"] = type };
            foreach (var (k, v) in extra ?? [])
            {
                schema[k] = v?.DeepClone();
            }
            return new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description, ["schema"] = schema };
        }
        static JsonObject Get(string summary, string contentType, params JsonObject[] parameters) => new()
        {
            ["get"] = new JsonObject
            {
                ["summary"] = summary,
                ["parameters"] = new JsonArray([.. parameters]),
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject { ["description"] = "OK", ["content"] = new JsonObject { [contentType] = new JsonObject() } },
                },
            },
        };
        JsonObject CollectionId() => new() { ["name"] = "collectionId", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } };
        JsonObject FeatureId() => new() { ["name"] = "featureId", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } };
        var doc = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "Gengbao OGC API – Features", ["version"] = "1.0.0" },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = baseUrl }),
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" } },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
            ["paths"] = new JsonObject
            {
                ["/"] = Get("Landing page", "application/json"),
                ["/conformance"] = Get("Conformance classes", "application/json"),
                ["/collections"] = Get("Collections", "application/json"),
                ["/collections/{collectionId}"] = Get("A collection", "application/json", CollectionId()),
                ["/collections/{collectionId}/items"] = Get("Features", "application/geo+json", CollectionId(),
                    Parameter("limit", "integer", "features per page", new JsonObject { ["minimum"] = 1, ["maximum"] = OgcFeaturesApi.MaxLimit, ["default"] = OgcFeaturesApi.DefaultLimit }),
                    Parameter("offset", "integer", "features to skip", new JsonObject { ["minimum"] = 0, ["default"] = 0 }),
                    Parameter("bbox", "string", "min x, min y, max x, max y in bbox-crs axis order"),
                    Parameter("bbox-crs", "string", "CRS of bbox (default CRS84)"),
                    Parameter("crs", "string", "CRS of the response geometry (default CRS84)"),
                    Parameter("year", "integer", "survey year (default: the latest of each county)")),
                ["/collections/{collectionId}/items/{featureId}"] = Get("A feature", "application/geo+json", CollectionId(), FeatureId(),
                    Parameter("crs", "string", "CRS of the response geometry (default CRS84)")),
            },
        };
        return doc.ToJsonString();
    }
}
