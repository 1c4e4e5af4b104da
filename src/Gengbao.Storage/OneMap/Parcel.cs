using System.Text.Json.Nodes;

namespace Gengbao.Storage.OneMap;

/// <summary>A stored feature found by its spatial code: its layer, county and year, official area and attributes, and its shape as GeoJSON (EPSG:4490).</summary>
public sealed record Parcel(string Layer, string CountyCode, int Year, string SpatialCode, decimal AreaSquareMetres, JsonObject Attributes, string GeoJson)
{
    /// <summary>The official area in mu (亩): m² × 0.0015, to 2 decimals.</summary>
    public decimal AreaMu => Math.Round(AreaSquareMetres * 0.0015m, 2, MidpointRounding.AwayFromZero);
}

/// <summary>A current layer version as the one map lists it.</summary>
public sealed record LayerVersionInfo(long Id, string Layer, string CountyCode, int Year, long FeatureCount, string SourceFile, DateTimeOffset ImportedAt);
