using System.Globalization;
using System.Text.Json;
using Gengbao.Geo.Area;
using Gengbao.Geo.Codes;
using Gengbao.Geo.Crs;
using Gengbao.Geo.Grid;
using Gengbao.Import.Layers;
using Gengbao.Import.Model;
using Gengbao.Import.Validation;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace Gengbao.Storage.OneMap;

/// <summary>
/// Streams one validated source layer into a temporary stage table by binary COPY, computing on the way each
/// feature's county, official ellipsoidal area, CGCS2000 geographic shape and spatial code. Nothing reaches the
/// layer's real table until the importer swaps versions, so a failure leaves the one map as it was.
/// </summary>
internal sealed class LayerStager(LayerValidator validator, SourceLayer source, AdminLocator locator, Placement placement,
    string? fileCounty, IReadOnlySet<string> fileCounties)
{
    /// <summary>True when features name their own location (ZLDWDM, XZQDM) or county (a BHTB monitoring number).</summary>
    public static bool CarriesLocation(LayerSchema schema) => schema.LocationColumn is not null || schema.Kind == LayerKind.Bhtb;

    private readonly LayerSchema _schema = validator.Schema;
    private readonly Dictionary<string, int> _issuedCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _yearVotes = [];

    public string StageTable => "stage_" + _schema.Table;

    public long Staged { get; private set; }

    public HashSet<string> Counties { get; } = new(StringComparer.Ordinal);

    /// <summary>Fields of the source kept as attributes because the schema has no column for them.</summary>
    public IReadOnlyList<string> ExtraFields => source.Fields.Select(f => f.Name)
        .Where(n => !_schema.Columns.Any(c => string.Equals(c.Code, n, StringComparison.OrdinalIgnoreCase) || c.Aliases.Any(a => string.Equals(a, n, StringComparison.OrdinalIgnoreCase))))
        .ToList();

    /// <summary>The data's own year (SJNF), the most frequent value, when the layer has that field.</summary>
    public int? DataYear => _yearVotes.Count == 0 ? null : (int)_yearVotes.MaxBy(kv => kv.Value).Key;

    /// <summary>Target columns of the layer table in stage order, excluding the bookkeeping ones.</summary>
    public IReadOnlyList<TargetColumn> Columns { get; } = ColumnsOf(validator.Schema);

    private static List<TargetColumn> ColumnsOf(LayerSchema schema)
    {
        if (schema.Kind == LayerKind.Xzq)
        {
            return
            [
                new("code", NpgsqlDbType.Text, 0),
                new("name", NpgsqlDbType.Text, 1),
                new("level", NpgsqlDbType.Smallint, 2),
                new("parent_code", NpgsqlDbType.Text, 3),
            ];
        }
        return schema.Columns.Select((c, i) => new TargetColumn(c.Column, c.Kind switch
        {
            ColumnKind.Integer => NpgsqlDbType.Integer,
            ColumnKind.Numeric => NpgsqlDbType.Numeric,
            ColumnKind.Date => NpgsqlDbType.Date,
            _ => NpgsqlDbType.Text,
        }, i)).ToList();
    }

    public async Task CreateStageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", Columns.Select(c => $"{c.Name} {SqlType(c.Type)}"));
        await using var command = new NpgsqlCommand($"""
            CREATE TEMP TABLE {StageTable} (
                county_code text NOT NULL, fid bigint NOT NULL, {columns},
                area_m2 numeric(15, 2) NOT NULL, spatial_code text NOT NULL, attrs jsonb NOT NULL,
                geom geometry(MultiPolygon) NOT NULL, geom_4490 geometry(MultiPolygon, 4490) NOT NULL
            ) ON COMMIT DROP
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads, validates and stages every feature. Problems are appended; once any exists, rows are still validated
    /// (for the report) but no longer written unless <paramref name="skipInvalid"/>.
    /// </summary>
    public async Task StageAsync(NpgsqlConnection connection, List<ImportProblem> problems, bool skipInvalid,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", new[] { "county_code", "fid" }.Concat(Columns.Select(c => c.Name))
            .Concat(["area_m2", "spatial_code", "attrs", "geom", "geom_4490"]));
        var zone = validator.Crs.Zone;
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {StageTable} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        long read = 0;
        var sjnfIndex = _schema.Columns.ToList().FindIndex(c => c.Code == "SJNF");
        // The costly, independent part of each feature (validity, CGCS2000 copy, area, interior point) runs in
        // parallel a chunk at a time; mapping, duplicate checks, code issuance and writing stay in source order, so
        // the result does not depend on the number of cores.
        foreach (var chunk in source.ReadFeatures().Chunk(4096))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var prepared = new PreparedFeature[chunk.Length];
            Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => prepared[i] = Prepare(chunk[i], zone));

            for (var i = 0; i < chunk.Length; i++)
            {
                var feature = chunk[i];
                var (check, geographic, area, interior) = prepared[i];
                var before = problems.Count;
                var row = validator.Map(feature, check, problems);
                if (row is null)
                {
                    continue;
                }
                var adminCode = AdminCodeOf(row, interior!);
                var county = CountyOf(row, adminCode);
                if (county is null || (placement == Placement.Locate && fileCounties.Count > 0 && !fileCounties.Contains(county)))
                {
                    problems.Add(new ImportProblem(source.SourcePath, source.Name, feature.Fid, null, null, county is null
                        ? "cannot tell which county the feature lies in: it has no location code and lies outside every known admin unit; give --county"
                        : $"the feature lies in county {county}, which no other layer of this file covers; give --county to import it there"));
                    continue;
                }
                if (problems.Count > before || (problems.Count > 0 && !skipInvalid))
                {
                    continue; // keep validating for the report; nothing of this import will be committed
                }
                if (sjnfIndex >= 0 && row.Values[sjnfIndex] is long sjnf)
                {
                    _yearVotes[sjnf] = _yearVotes.GetValueOrDefault(sjnf) + 1;
                }
                Counties.Add(county);
                WriteRow(writer, county, row, area, IssueCode(county, adminCode, interior!), geographic!);
                Staged++;
                if (_schema.Kind == LayerKind.Xzq && row.Values[0] is string code)
                {
                    locator.Add(code, LevelOf(row), geographic!);
                }
            }
            read += chunk.Length;
            progress?.Report(new ImportProgress(_schema.Code, read, source.FeatureCount, "import"));
        }
        progress?.Report(new ImportProgress(_schema.Code, read, source.FeatureCount, "import"));
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private readonly record struct PreparedFeature(GeometryCheck Check, MultiPolygon? Geographic, double Area, Point? Interior);

    private PreparedFeature Prepare(SourceFeature feature, GaussKrugerZone? zone)
    {
        var check = validator.CheckGeometry(feature);
        if (check.Geometry is not { } geometry)
        {
            return new PreparedFeature(check, null, 0, null);
        }
        var geographic = zone is null ? geometry : (MultiPolygon)GeometryReprojector.ToGeographic(geometry, zone);
        var area = zone is null ? EllipsoidalArea.OfGeographic(geometry) : EllipsoidalArea.OfGaussKruger(geometry, zone);
        return new PreparedFeature(check, geographic, area, SpatialCode.InteriorPoint(geographic));
    }

    /// <summary>Synchronous writes: the importer streams on one connection, and per-value awaits cost more than they save.</summary>
    private void WriteRow(NpgsqlBinaryImporter writer, string county, LayerRow row, double area, string spatialCode, MultiPolygon geographic)
    {
        writer.StartRow();
        writer.Write(county, NpgsqlDbType.Text);
        writer.Write(row.Fid, NpgsqlDbType.Bigint);
        foreach (var column in Columns)
        {
            if (ValueFor(row, column) is { } value)
            {
                writer.Write(value, column.Type);
            }
            else
            {
                writer.WriteNull();
            }
        }
        writer.Write((decimal)EllipsoidalArea.Round(area), NpgsqlDbType.Numeric);
        writer.Write(spatialCode, NpgsqlDbType.Text);
        writer.Write(JsonSerializer.Serialize(row.Extra), NpgsqlDbType.Jsonb);
        writer.Write((Geometry)row.Geometry, NpgsqlDbType.Geometry);
        writer.Write((Geometry)geographic, NpgsqlDbType.Geometry);
    }

    private object? ValueFor(LayerRow row, TargetColumn column)
    {
        if (_schema.Kind == LayerKind.Xzq)
        {
            var code = (string)row.Values[0]!;
            return column.Name switch
            {
                "level" => (short)LevelOf(row),
                "parent_code" => row.Values[3] as string ?? ParentOf(code),
                _ => row.Values[column.ValueIndex],
            };
        }
        var value = row.Values[column.ValueIndex];
        return column.Type == NpgsqlDbType.Integer && value is long l ? (int)l : value;
    }

    private static int LevelOf(LayerRow row) =>
        row.Values[2] is long jb ? (int)jb : (int)AdminCode.LevelOf((string)row.Values[0]!);

    /// <summary>The parent by code structure, for XZQ layers without SJDM.</summary>
    private static string? ParentOf(string code) => AdminCode.LevelOf(code) switch
    {
        AdminLevel.Group => code[..12],
        AdminLevel.Village => code[..9] + "000",
        AdminLevel.Township => code[..6] + "000000",
        AdminLevel.County => code[..4] + "00000000",
        AdminLevel.Prefecture => code[..2] + "0000000000",
        _ => null,
    };

    /// <summary>The location code of the feature, else the village (or county) around it, for the spatial code.</summary>
    private string? AdminCodeOf(LayerRow row, Point interior)
    {
        if (_schema.LocationColumn is { } location)
        {
            var index = _schema.Columns.ToList().IndexOf(location);
            if (row.Values[index] is string code && code.Length >= 6)
            {
                return code;
            }
        }
        var found = locator.Locate(interior);
        return placement == Placement.FileCounty && found is not null && !found.StartsWith(fileCounty!, StringComparison.Ordinal) ? null : found;
    }

    private string? CountyOf(LayerRow row, string? adminCode)
    {
        if (placement == Placement.FileCounty)
        {
            return fileCounty;
        }
        if (adminCode is { Length: >= 6 })
        {
            return adminCode[..6];
        }
        if (_schema.Kind == LayerKind.Bhtb && row.Values[0] is string jcbh && jcbh.Length >= 6 && jcbh[..6].All(char.IsAsciiDigit))
        {
            return jcbh[..6]; // monitoring numbers start with the county code
        }
        return null;
    }

    /// <summary>Spatial codes are unique per layer and county; a second parcel in the same grid cell gets a suffix.</summary>
    private string IssueCode(string county, string? adminCode, Point interior)
    {
        var code = SpatialCode.Compose(adminCode ?? county.PadRight(12, '0'), interior.X, interior.Y);
        var seen = _issuedCodes.GetValueOrDefault(code);
        _issuedCodes[code] = seen + 1;
        return seen == 0 ? code : SpatialCode.WithSuffix(code, seen + 1);
    }

    private static string SqlType(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Integer => "int",
        NpgsqlDbType.Smallint => "smallint",
        NpgsqlDbType.Numeric => "numeric",
        NpgsqlDbType.Date => "date",
        _ => "text",
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_schema.Code} from {source.Name}: {Staged} staged");
}
