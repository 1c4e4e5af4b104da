using System.Text.Json.Nodes;
using Gengbao.Cases;
using Gengbao.Geo.Crs;
using Gengbao.Import;
using Gengbao.Import.Layers;
using Gengbao.Import.Model;
using Gengbao.Import.Validation;
using Gengbao.Storage.OneMap;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>What <see cref="CaseIntake.FromFileAsync"/> did: the layer read and one intake result per patch, in file order.</summary>
public sealed record CaseFileImport(string File, string Layer, string SourceKind, IReadOnlyList<IntakeResult> Results);

/// <summary>A patch file that cannot be taken in; every problem names file, layer, feature and field. Nothing was written.</summary>
public sealed class CaseFileException(IReadOnlyList<string> problems)
    : Exception(problems.Count == 1 ? problems[0] : $"{problems.Count} problems:\n" + string.Join('\n', problems.Take(50)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>Change patches from a file (issued from above or own monitoring) into the case loop.</summary>
public sealed partial class CaseIntake
{
    /// <summary>
    /// Takes in every change patch of a GeoPackage, Shapefile (file, folder or .zip) or GeoJSON layer with its
    /// monitoring number JCBH, all or nothing, in one transaction (docs/cases.md, “Patch files”). The layer is read by
    /// the one-map readers and checked against the BHTB schema (JCBH required and unique in the file, valid polygons,
    /// CGCS2000 geographic or Gauss–Krüger). Each patch is screened against the stored layers like a patrol polygon
    /// (green passes, yellow gets exactly one verification task); one at the place of an open case merges into it; a
    /// JCBH already taken in returns its case. Any problem refuses the whole file.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="kind"><see cref="CaseSourceKind.Issued"/> or <see cref="CaseSourceKind.Monitoring"/>.</param>
    /// <param name="layerName">The layer to read when the file has several (default: the only one, else the one named like BHTB).</param>
    /// <param name="countyCode">When given, every patch must lie in this county.</param>
    /// <param name="mayTake">Whether the caller may take in patches of a county (his region); null: the owner, anything.</param>
    /// <param name="cancellationToken">Cancels the import; nothing is written then.</param>
    /// <exception cref="CaseFileException">The file, a layer or a feature is wrong; nothing was written.</exception>
    public async Task<CaseFileImport> FromFileAsync(string path, CaseSourceKind kind, string? layerName = null, string? countyCode = null,
        Func<string, bool>? mayTake = null, CancellationToken cancellationToken = default)
    {
        if (kind is not (CaseSourceKind.Issued or CaseSourceKind.Monitoring))
        {
            throw new CaseFileException(["--source must be issued or monitoring"]);
        }
        var fileName = Path.GetFileName(path.TrimEnd('/'));
        IReadOnlyList<SourceLayer> layers;
        try
        {
            layers = SourceOpener.Open(path);
        }
        catch (SourceFileException e)
        {
            throw new CaseFileException([$"{fileName}: {e.Problem}"]);
        }
        try
        {
            var source = PickLayer(fileName, layers, layerName);
            var (reports, problems) = ReadPatches(fileName, source, kind);
            if (problems.Count > 0)
            {
                throw new CaseFileException(problems);
            }
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Place and screening first, outside the transaction (screening reads the layers on its own connections).
            var placed = new List<(CaseReport Report, string County)>(reports.Count);
            foreach (var (report, fid) in reports)
            {
                var where = $"{fileName}: layer {source.Name}: feature {fid} (JCBH {report.ExternalNumber})";
                var place = await CasePlace.LocateAsync(connection, report.Geometry, cancellationToken).ConfigureAwait(false);
                if (place is null)
                {
                    problems.Add($"{where}: the patch is not inside any admin unit of the prefecture");
                }
                else if (countyCode is not null && place.CountyCode != countyCode)
                {
                    problems.Add($"{where}: the patch lies in county {place.CountyCode}, not in --county {countyCode}");
                }
                else if (mayTake is not null && !mayTake(place.CountyCode))
                {
                    problems.Add($"{where}: county {place.CountyCode} is outside your region");
                }
                else
                {
                    placed.Add((await ScreenAsync(place.CountyCode, report, cancellationToken).ConfigureAwait(false), place.CountyCode));
                }
            }
            if (problems.Count > 0)
            {
                throw new CaseFileException(problems);
            }
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var county in placed.Select(p => p.County).Distinct().Order(StringComparer.Ordinal))
            {
                // The same lock as the intake after screening: one intake of a county at a time.
                await using var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('case_intake'), hashtext($1))", connection);
                lockCommand.Parameters.AddWithValue(county);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            var results = new List<IntakeResult>(placed.Count);
            foreach (var (report, _) in placed)
            {
                results.Add(await TakeAsync(connection, report, cancellationToken).ConfigureAwait(false));
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new CaseFileImport(fileName, source.Name, CaseNames.Name(kind), results);
        }
        finally
        {
            foreach (var layer in layers)
            {
                layer.Dispose();
            }
        }
    }

    private static SourceLayer PickLayer(string fileName, IReadOnlyList<SourceLayer> layers, string? layerName)
    {
        var names = string.Join(", ", layers.Select(l => l.Name));
        if (layerName is not null)
        {
            return layers.FirstOrDefault(l => string.Equals(l.Name, layerName, StringComparison.OrdinalIgnoreCase))
                ?? throw new CaseFileException([$"{fileName}: no layer '{layerName}' (layers: {names})"]);
        }
        if (layers.Count == 1)
        {
            return layers[0];
        }
        var patches = layers.Where(l => LayerSchemas.Bhtb.Names.Any(n => string.Equals(n, l.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        return patches.Count == 1 ? patches[0]
            : throw new CaseFileException([$"{fileName}: {layers.Count} layers ({names}); name the one with the change patches: --layer NAME"]);
    }

    private (List<(CaseReport Report, long Fid)> Reports, List<string> Problems) ReadPatches(string fileName, SourceLayer source, CaseSourceKind kind)
    {
        var validator = new LayerValidator(source, LayerSchemas.Bhtb);
        var problems = new List<ImportProblem>(validator.CheckLayer());
        var reports = new List<(CaseReport, long)>();
        if (problems.Count == 0)
        {
            var jcbh = LayerSchemas.Bhtb.Columns.ToList().FindIndex(c => c.Code == "JCBH");
            var now = time.GetUtcNow();
            foreach (var feature in source.ReadFeatures())
            {
                if (validator.Map(feature, problems) is not { } row)
                {
                    continue;
                }
                Geometry lonLat = validator.Crs.Zone is { } zone ? GeometryReprojector.ToGeographic(row.Geometry, zone) : row.Geometry;
                lonLat = new GeometryFactory(new PrecisionModel(), CgcsCrs.Geographic).CreateGeometry(lonLat);
                var number = Convert.ToString(row.Values[jcbh], System.Globalization.CultureInfo.InvariantCulture)?.Trim();
                if (string.IsNullOrEmpty(number))
                {
                    problems.Add(new ImportProblem(fileName, source.Name, feature.Fid, null, "JCBH", "the monitoring number JCBH is empty"));
                    continue;
                }
                reports.Add((new CaseReport(kind, number, lonLat, null, $"变化图斑 {number}", "", now,
                    new JsonObject { ["file"] = fileName, ["layer"] = source.Name, ["fid"] = feature.Fid }), feature.Fid));
            }
            if (reports.Count == 0 && problems.Count == 0)
            {
                problems.Add(new ImportProblem(fileName, source.Name, null, null, null, "the layer has no features"));
            }
        }
        return (reports, problems.Select(p => (p with { Path = fileName }).ToString()).ToList());
    }
}
