using Gengbao.Geo.Area;
using Gengbao.Geo.Codes;
using Gengbao.Geo.Crs;
using Gengbao.Import.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Valid;

namespace Gengbao.Import.Quality;

/// <summary>
/// Quality checks (质检) of a polygon layer before it enters the one map (seed 002), usable on any import source:
/// <list type="bullet">
/// <item>topology: invalid geometry and self-intersections (NTS <see cref="IsValidOp"/>); overlaps between features
/// of the layer above <see cref="QualityOptions.OverlapToleranceSquareMetres"/> (STR-tree candidates, exact
/// intersection area); slivers, thinness 4πA/P² below <see cref="QualityOptions.SliverThinness"/>; gaps: holes of
/// the layer's union smaller than <see cref="QualityOptions.MaxGapSquareMetres"/> (larger holes are taken as land
/// outside the layer, so the check stays bounded) — only for layers that must tile their county (DLTB);</item>
/// <item>attribute domains: required fields present and not empty, DLBM a valid land class (GB/T 21010,
/// <see cref="LandClass"/>), ZLDWDM a 12- or 19-digit code under a known admin unit when <c>knownUnits</c> is given;</item>
/// <item>area consistency: declared TBMJ against the ellipsoidal area of the polygon (docs/domain.md §5), relative
/// difference above <see cref="QualityOptions.AreaRelativeTolerance"/>.</item>
/// </list>
/// Geometry is expected in a CGCS2000 Gauss–Krüger zone (metres); a layer in EPSG:4490 skips the metric checks' areas
/// in favour of ellipsoidal ones.
/// </summary>
public static class QualityChecker
{
    public static IReadOnlyList<QualityProblem> Check(SourceLayer layer, QualityOptions options, IReadOnlyList<string> requiredFields,
        ISet<string>? knownUnits = null)
    {
        var problems = new List<QualityProblem>();
        var zone = layer.Epsg is { } epsg && CgcsCrs.TryGetZone(epsg, out var z) ? z : null;
        foreach (var field in requiredFields)
        {
            if (layer.FieldIndex(field) < 0)
            {
                problems.Add(new(layer.Name, null, null, field, "schema", "required field is missing from the layer", null, null));
            }
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        var keyIndex = new[] { "BSM", "JCBH", "XZQDM" }.Select(layer.FieldIndex).FirstOrDefault(i => i >= 0, -1);
        var dlbm = layer.FieldIndex("DLBM");
        var zldwdm = layer.FieldIndex("ZLDWDM");
        var tbmj = layer.FieldIndex("TBMJ");
        var required = requiredFields.Select(f => (Name: f, Index: layer.FieldIndex(f))).ToList();
        var features = new List<(long Fid, string? Key, Geometry Geometry)>();
        var index = new STRtree<int>();
        foreach (var feature in layer.ReadFeatures())
        {
            var key = keyIndex >= 0 ? Text(feature.Values[keyIndex]) : null;
            var g = feature.Geometry;
            (double? Lon, double? Lat) At(Geometry? at) => Locate(at, zone);
            void Add(string? field, string check, string message, Geometry? at = null)
            {
                var (lon, lat) = At(at ?? g);
                problems.Add(new(layer.Name, feature.Fid, key, field, check, message, lon, lat));
            }
            foreach (var (name, i) in required)
            {
                if (string.IsNullOrWhiteSpace(Text(feature.Values[i])))
                {
                    Add(name, "required", "required value is empty");
                }
            }
            if (dlbm >= 0 && Text(feature.Values[dlbm]) is { Length: > 0 } code && !LandClass.IsValid(code))
            {
                Add("DLBM", "domain", $"'{code}' is not a land class of GB/T 21010 / the third land survey");
            }
            if (zldwdm >= 0 && Text(feature.Values[zldwdm]) is { Length: > 0 } unit)
            {
                if (unit.Length is not (12 or 19) || !unit.All(char.IsAsciiDigit))
                {
                    Add("ZLDWDM", "domain", $"'{unit}' is not a 12- or 19-digit location code");
                }
                else if (knownUnits is not null && !knownUnits.Contains(unit[..12]))
                {
                    Add("ZLDWDM", "domain", $"'{unit}' names no known village (admin unit {unit[..12]})");
                }
            }
            if (g is null || g.IsEmpty)
            {
                Add(null, "geometry", "no geometry");
                continue;
            }
            var valid = new IsValidOp(g);
            if (!valid.IsValid)
            {
                var error = valid.ValidationError;
                Add(null, error.ErrorType == TopologyValidationErrors.SelfIntersection || error.ErrorType == TopologyValidationErrors.RingSelfIntersection
                    ? "self-intersection" : "invalid-geometry", $"{error.Message} at {error.Coordinate}", g.Factory.CreatePoint(error.Coordinate));
                continue;
            }
            var area = zone is null ? EllipsoidalArea.OfGeographic(g) : EllipsoidalArea.OfGaussKruger(g, zone);
            var thinness = 4 * Math.PI * g.Area / (g.Length * g.Length);
            if (thinness < options.SliverThinness && area < options.SliverMaxSquareMetres)
            {
                Add(null, "sliver", $"thin polygon: 4πA/P² = {thinness:F4} below {options.SliverThinness}, area {area:F2} m²");
            }
            if (tbmj >= 0 && Number(feature.Values[tbmj]) is { } declared && area > 0
                && Math.Abs(declared - area) / area > options.AreaRelativeTolerance && Math.Abs(declared - area) > 0.01)
            {
                Add("TBMJ", "area", $"declared {declared:F2} m² differs from the ellipsoidal area {area:F2} m² by {Math.Abs(declared - area) / area:P2}");
            }
            index.Insert(g.EnvelopeInternal, features.Count);
            features.Add((feature.Fid, key, g));
        }
        if (options.CheckOverlaps)
        {
            CheckOverlaps(layer.Name, features, index, zone, options, problems);
        }
        if (options.CheckGaps && features.Count > 0)
        {
            CheckGaps(layer.Name, features, zone, options, problems);
        }
        return problems;
    }

    private static void CheckOverlaps(string layer, List<(long Fid, string? Key, Geometry Geometry)> features, STRtree<int> index,
        GaussKrugerZone? zone, QualityOptions options, List<QualityProblem> problems)
    {
        index.Build();
        for (var i = 0; i < features.Count; i++)
        {
            var (fid, key, g) = features[i];
            foreach (var j in index.Query(g.EnvelopeInternal))
            {
                if (j <= i || !g.Intersects(features[j].Geometry))
                {
                    continue;
                }
                var overlap = g.Intersection(features[j].Geometry);
                var area = zone is null ? EllipsoidalArea.OfGeographic(overlap) : overlap.Area;
                if (area > options.OverlapToleranceSquareMetres)
                {
                    var (lon, lat) = Locate(overlap, zone);
                    problems.Add(new(layer, fid, key, null, "overlap",
                        $"overlaps feature {features[j].Fid}{(features[j].Key is null ? "" : $" ({features[j].Key})")} by {area:F2} m²", lon, lat));
                }
            }
        }
    }

    private static void CheckGaps(string layer, List<(long Fid, string? Key, Geometry Geometry)> features, GaussKrugerZone? zone,
        QualityOptions options, List<QualityProblem> problems)
    {
        var union = NetTopologySuite.Operation.Union.CascadedPolygonUnion.Union(features.Select(f => f.Geometry).ToList());
        for (var p = 0; p < union.NumGeometries; p++)
        {
            if (union.GetGeometryN(p) is not Polygon polygon)
            {
                continue;
            }
            foreach (var hole in polygon.InteriorRings)
            {
                var gap = polygon.Factory.CreatePolygon((LinearRing)hole);
                var area = zone is null ? EllipsoidalArea.OfGeographic(gap) : gap.Area;
                if (area > options.OverlapToleranceSquareMetres && area < options.MaxGapSquareMetres)
                {
                    var (lon, lat) = Locate(gap, zone);
                    problems.Add(new(layer, null, null, null, "gap", $"a gap of {area:F2} m² between features", lon, lat));
                }
            }
        }
    }

    private static (double?, double?) Locate(Geometry? g, GaussKrugerZone? zone)
    {
        if (g is null || g.IsEmpty)
        {
            return (null, null);
        }
        var point = g.Dimension == Dimension.Surface ? g.InteriorPoint : g.Centroid;
        if (point.IsEmpty)
        {
            point = g.Factory.CreatePoint(g.Coordinate);
        }
        var geographic = zone is null ? point : GeometryReprojector.ToGeographic(point, zone);
        return (Math.Round(geographic.Coordinate.X, 7), Math.Round(geographic.Coordinate.Y, 7));
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s.Trim(),
        RawValue r => r.Text.Trim(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static double? Number(object? value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        long l => l,
        int i => i,
        string s when double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}

/// <summary>
/// Thresholds of <see cref="QualityChecker"/>. Area tolerance: TBMJ is reported to 0.01 m² and computed the same way
/// (docs/domain.md §5), so 0.1 % relative (or 0.01 m²) covers rounding but not a planar area or a copied value.
/// </summary>
public sealed record QualityOptions
{
    public double OverlapToleranceSquareMetres { get; init; } = 1.0;
    public double SliverThinness { get; init; } = 0.02;
    public double SliverMaxSquareMetres { get; init; } = 50.0;
    public double AreaRelativeTolerance { get; init; } = 0.001;
    public bool CheckOverlaps { get; init; } = true;
    public bool CheckGaps { get; init; }
    public double MaxGapSquareMetres { get; init; } = 100.0;

    /// <summary>
    /// The checks a one-map layer calls for: DLTB tiles its county (overlaps and gaps are errors), YJJBNT patches must
    /// not overlap; XZQ holds nested levels and PZYD, BHTB and GBZNT may overlap legitimately (several approvals,
    /// change patches of different sources), so they get the per-feature checks only.
    /// </summary>
    public static QualityOptions For(string layerCode) => layerCode.ToUpperInvariant() switch
    {
        "DLTB" => new QualityOptions { CheckGaps = true },
        "YJJBNT" => new QualityOptions(),
        _ => new QualityOptions { CheckOverlaps = false },
    };
}
