using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gengbao.Exchange.Packages;

/// <summary>
/// <c>manifest.json</c> of an exchange package (docs/exchange.md, "Package format"): what the data is (catalog item,
/// region, period), who made it, the feature count of each layer, and the size and SM3 of every other file. The zip
/// also holds <c>manifest.sm3</c>, the SM3 of the manifest's bytes in lower-case hex.
/// </summary>
public sealed record PackageManifest
{
    public const string CurrentFormat = "gengbao-exchange/1";

    public string Format { get; init; } = CurrentFormat;

    /// <summary>Id of the catalog item (exchange_catalog_item.id), e.g. <c>land-survey</c>.</summary>
    public required string CatalogItem { get; init; }

    public required PackageProducer Producer { get; init; }

    /// <summary>County (6 digits) or larger region code the data covers.</summary>
    public required string Region { get; init; }

    /// <summary>Survey year the data belongs to.</summary>
    public required int Year { get; init; }

    /// <summary>Delivery period within the year: <c>annual</c>, <c>H1</c>, <c>H2</c>.</summary>
    public string Period { get; init; } = "annual";

    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<PackageLayer> Layers { get; init; }

    public required IReadOnlyList<PackageFile> Files { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>The producing department (natural_resources, agriculture), its organisation and the account that packed.</summary>
public sealed record PackageProducer(string Department, string Organisation, string Account);

/// <summary>A layer in a data file, with its feature count and SRID (EPSG code).</summary>
public sealed record PackageLayer(string Name, string File, long FeatureCount, int Srid);

/// <summary>A file of the package: path inside the zip (forward slashes), size in bytes, SM3 in lower-case hex.</summary>
public sealed record PackageFile(string Path, long Size, string Sm3);
