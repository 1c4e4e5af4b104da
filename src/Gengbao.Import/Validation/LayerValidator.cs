using System.Globalization;
using Gengbao.Geo.Codes;
using Gengbao.Geo.Crs;
using Gengbao.Import.Layers;
using Gengbao.Import.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Gengbao.Import.Validation;

/// <summary>
/// Checks a source layer against its schema and maps each feature to a <see cref="LayerRow"/>. Layer-level problems
/// (unknown CRS, missing required field) are found by <see cref="CheckLayer"/> before any feature is read; feature
/// problems are collected, never thrown, so a report can list them all.
/// </summary>
public sealed class LayerValidator
{
    private readonly SourceLayer _source;
    private readonly LayerSchema _schema;
    private readonly int[] _columnSource;
    private readonly int[] _extraSource;
    private readonly HashSet<string> _seenIdentifiers = new(StringComparer.Ordinal);
    private readonly GeometryFactory _factory;

    public LayerValidator(SourceLayer source, LayerSchema schema)
    {
        _source = source;
        _schema = schema;
        _columnSource = schema.Columns.Select(c => FindField(source, c)).ToArray();
        var mapped = _columnSource.Where(i => i >= 0).ToHashSet();
        _extraSource = Enumerable.Range(0, source.Fields.Count).Where(i => !mapped.Contains(i)).ToArray();
        Crs = CgcsCrs.Identify(source.Epsg, source.CrsDefinition);
        _factory = new GeometryFactory(new PrecisionModel(), Crs.Epsg ?? 0);
    }

    public LayerSchema Schema => _schema;

    /// <summary>The layer's CRS as identified from the file.</summary>
    public CrsIdentification Crs { get; }

    /// <summary>Problems that make the whole layer unusable: unsupported CRS, a required field the file lacks.</summary>
    public IReadOnlyList<ImportProblem> CheckLayer()
    {
        var problems = new List<ImportProblem>();
        if (!Crs.IsSupported)
        {
            problems.Add(LayerProblem(null,
                $"unsupported coordinate reference system: {Crs.Description}. Supported: CGCS2000 geographic (EPSG:4490) and every CGCS2000 3- and 6-degree Gauss-Kruger zone (EPSG:4491-4554)"));
        }
        for (var i = 0; i < _schema.Columns.Count; i++)
        {
            if (_schema.Columns[i].Required && _columnSource[i] < 0)
            {
                problems.Add(LayerProblem(_schema.Columns[i].Code, $"required field {_schema.Columns[i].Code} is missing from the layer"));
            }
        }
        return problems;
    }

    /// <summary>Maps one feature; returns null and adds to <paramref name="problems"/> when anything is wrong with it.</summary>
    public LayerRow? Map(SourceFeature feature, List<ImportProblem> problems) => Map(feature, CheckGeometry(feature), problems);

    /// <summary>
    /// The geometry half of validation: a MultiPolygon in the layer's CRS, or the problem with it. Thread-safe and
    /// the costly part (validity), so an importer may run it in parallel and pass the result to
    /// <see cref="Map(SourceFeature, GeometryCheck, List{ImportProblem})"/> in source order.
    /// </summary>
    public GeometryCheck CheckGeometry(SourceFeature feature)
    {
        var problems = new List<ImportProblem>(1);
        var geometry = MapGeometry(feature, problems);
        return new GeometryCheck(geometry, problems.Count == 0 ? null : problems[0]);
    }

    /// <summary>Maps one feature whose geometry was checked already; not thread-safe (duplicate identifiers are tracked).</summary>
    public LayerRow? Map(SourceFeature feature, GeometryCheck checkedGeometry, List<ImportProblem> problems)
    {
        var before = problems.Count;
        var values = new object?[_schema.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = MapValue(feature, _schema.Columns[i], _columnSource[i], problems);
        }
        var key = FeatureKey(values);
        var geometry = checkedGeometry.Geometry;
        if (checkedGeometry.Problem is { } geometryProblem)
        {
            problems.Add(geometryProblem);
        }
        if (_schema.IdentifierColumn is { } idColumn && key is not null && !_seenIdentifiers.Add(key))
        {
            problems.Add(Problem(feature.Fid, key, idColumn.Code, $"duplicate identifier {idColumn.Code} = {key}: it already identifies another feature of this layer"));
        }
        for (var i = before; i < problems.Count; i++)
        {
            if (problems[i].FeatureKey is null && problems[i].Fid == feature.Fid)
            {
                problems[i] = problems[i] with { FeatureKey = key is null ? null : $"{_schema.IdentifierColumn!.Code} {key}" };
            }
        }
        if (problems.Count > before || geometry is null)
        {
            return null;
        }
        var extra = new Dictionary<string, object?>(_extraSource.Length, StringComparer.Ordinal);
        foreach (var index in _extraSource)
        {
            extra[_source.Fields[index].Name] = feature.Values[index] is RawValue raw ? raw.Text : feature.Values[index];
        }
        return new LayerRow(feature.Fid, geometry, values, extra);
    }

    private string? FeatureKey(object?[] values)
    {
        if (_schema.IdentifierColumn is not { } idColumn)
        {
            return null;
        }
        var value = values[_schema.Columns.ToList().IndexOf(idColumn)];
        return value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
    }

    private object? MapValue(SourceFeature feature, StandardColumn column, int sourceIndex, List<ImportProblem> problems)
    {
        if (sourceIndex < 0)
        {
            return null;
        }
        var raw = feature.Values[sourceIndex];
        if (raw is string blank && string.IsNullOrWhiteSpace(blank))
        {
            raw = null;
        }
        if (raw is null)
        {
            if (column.Required)
            {
                problems.Add(Problem(feature.Fid, null, column.Code, $"required value {column.Code} is empty"));
            }
            return null;
        }
        var invariant = CultureInfo.InvariantCulture;
        switch (column.Kind)
        {
            case ColumnKind.Text:
                return raw is RawValue rv ? rv.Text : Convert.ToString(raw, invariant)!.Trim();
            case ColumnKind.LandClassCode:
            {
                var code = TextOf(raw);
                if (!LandClass.IsValid(code))
                {
                    problems.Add(Problem(feature.Fid, null, column.Code, $"'{code}' is not a land-use code of the 三调 classification (e.g. 0101, 0702, 1104A)"));
                }
                return code;
            }
            case ColumnKind.AdminCode:
            {
                var code = TextOf(raw);
                if (!AdminCode.IsWellFormed(code, out var problem))
                {
                    problems.Add(Problem(feature.Fid, null, column.Code, problem ?? $"'{code}' is not an admin code"));
                }
                return code;
            }
            case ColumnKind.Integer:
                if (raw is long l) return l;
                if (raw is double d && Math.Floor(d) == d) return (long)d;
                if (raw is string si && long.TryParse(si.Trim(), NumberStyles.Integer, invariant, out var pl)) return pl;
                problems.Add(Problem(feature.Fid, null, column.Code, $"'{TextOf(raw)}' is not a whole number"));
                return null;
            case ColumnKind.Numeric:
                if (raw is double dd && double.IsFinite(dd)) return (decimal)dd;
                if (raw is long dl) return (decimal)dl;
                if (raw is string sd && decimal.TryParse(sd.Trim(), NumberStyles.Float, invariant, out var pd)) return pd;
                problems.Add(Problem(feature.Fid, null, column.Code, $"'{TextOf(raw)}' is not a number"));
                return null;
            case ColumnKind.Date:
                if (raw is DateOnly date) return date;
                if (raw is DateTime dt) return DateOnly.FromDateTime(dt);
                if (raw is string sdate && TryParseDate(sdate.Trim(), out var parsed)) return parsed;
                problems.Add(Problem(feature.Fid, null, column.Code, $"'{TextOf(raw)}' is not a date (expected YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)"));
                return null;
            default:
                throw new InvalidOperationException($"unknown column kind {column.Kind}");
        }
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string TextOf(object raw) => raw switch
    {
        RawValue rv => rv.Text,
        // Codes stored as numbers by some tools lose nothing as long as they are whole.
        double d when Math.Floor(d) == d => ((long)d).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(raw, CultureInfo.InvariantCulture)!.Trim(),
    };

    private MultiPolygon? MapGeometry(SourceFeature feature, List<ImportProblem> problems)
    {
        var geometry = feature.Geometry;
        if (geometry?.UserData is RawValue unreadable)
        {
            problems.Add(Problem(feature.Fid, null, "geometry", unreadable.Text));
            return null;
        }
        if (geometry is null || geometry.IsEmpty)
        {
            problems.Add(Problem(feature.Fid, null, "geometry", "the feature has no geometry (null or empty)"));
            return null;
        }
        MultiPolygon multi;
        switch (geometry)
        {
            case Polygon polygon:
                multi = _factory.CreateMultiPolygon([polygon]);
                break;
            case MultiPolygon mp:
                multi = mp;
                break;
            default:
                problems.Add(Problem(feature.Fid, null, "geometry", $"a {geometry.GeometryType} where a polygon is expected"));
                return null;
        }
        multi.SRID = Crs.Epsg ?? 0;
        if (!CoordinatesPlausible(multi.EnvelopeInternal, out var where))
        {
            problems.Add(Problem(feature.Fid, null, "geometry", where!));
            return null;
        }
        var validity = new IsValidOp(multi).ValidationError;
        if (validity is not null)
        {
            var at = validity.Coordinate is { } c ? $" at ({c.X.ToString("F3", CultureInfo.InvariantCulture)} {c.Y.ToString("F3", CultureInfo.InvariantCulture)})" : "";
            problems.Add(Problem(feature.Fid, null, "geometry", $"invalid polygon: {validity.Message}{at}"));
            return null;
        }
        return multi;
    }

    /// <summary>
    /// Coordinates far outside the declared CRS's area are the usual sign of a wrongly declared CRS (a zone without
    /// prefix declared with one, lon/lat swapped), caught here so nothing lands in the wrong place.
    /// </summary>
    private bool CoordinatesPlausible(Envelope box, out string? problem)
    {
        problem = null;
        if (Crs.Zone is { } zone)
        {
            var halfWidth = 600_000.0; // a 6-degree zone is at most ~340 km wide at the equator; 600 km leaves a margin for enclaves.
            if (box.MinX < zone.FalseEasting - halfWidth || box.MaxX > zone.FalseEasting + halfWidth || box.MinY < 0 || box.MaxY > 6_500_000)
            {
                problem = $"coordinates ({box.MinX:F1}, {box.MinY:F1}) are outside {zone.Name}: the declared CRS does not fit the data";
            }
        }
        else if (Crs.Epsg == CgcsCrs.Geographic && (box.MinX < 70 || box.MaxX > 140 || box.MinY < 0 || box.MaxY > 56))
        {
            problem = $"coordinates ({box.MinX}, {box.MinY}) are not longitude/latitude in China: the declared CRS does not fit the data";
        }
        return problem is null;
    }

    private static int FindField(SourceLayer source, StandardColumn column)
    {
        var index = source.FieldIndex(column.Code);
        foreach (var alias in column.Aliases)
        {
            if (index >= 0)
            {
                break;
            }
            index = source.FieldIndex(alias);
        }
        return index;
    }

    private ImportProblem Problem(long fid, string? key, string? field, string message) =>
        new(_source.SourcePath, _source.Name, fid, key, field, message);

    private ImportProblem LayerProblem(string? field, string message) =>
        new(_source.SourcePath, _source.Name, null, null, field, message);
}
