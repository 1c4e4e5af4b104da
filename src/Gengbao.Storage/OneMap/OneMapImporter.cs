using System.Security.Cryptography;
using Gengbao.Geo.Crs;
using Gengbao.Import;
using Gengbao.Import.Layers;
using Gengbao.Import.Model;
using Gengbao.Import.Validation;
using Gengbao.Storage.Screening;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.OneMap;

/// <summary>
/// Imports a survey file into the one map, all or nothing: every layer is validated and staged inside one
/// transaction, and only when no problem was found does each layer replace the current version for its county and
/// year. A second import of the same data makes a new version with the same rows, never a duplicate.
/// </summary>
public sealed class OneMapImporter(NpgsqlDataSource dataSource)
{
    public async Task<ImportResult> ImportAsync(string path, ImportOptions options, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var sources = SourceOpener.Open(path);
        try
        {
            var plan = Plan(path, sources, options);
            var validators = plan.Select(p => new LayerValidator(p.Source, p.Schema)).ToList();
            var layerProblems = validators.SelectMany(v => v.CheckLayer()).ToList();
            if (layerProblems.Count > 0)
            {
                throw new ImportFailedException(path, layerProblems);
            }
            var sha256 = await HashAsync(path, cancellationToken).ConfigureAwait(false);

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var locator = new AdminLocator();
            var problems = new List<ImportProblem>();
            var stagers = new List<(LayerStager Stager, LayerValidator Validator, SourceLayer Source)>();
            var fileCounties = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < plan.Count; i++)
            {
                var (source, schema) = plan[i];
                var placement = Placement.ByLocationCode;
                if (!LayerStager.CarriesLocation(schema))
                {
                    // A layer without location codes belongs to the file's county when the file has one (a county
                    // database); only a file spanning several counties is placed feature by feature, and never
                    // outside the counties the file itself covers, so one county's import cannot replace another's.
                    placement = options.County is not null || fileCounties.Count == 1 ? Placement.FileCounty : Placement.Locate;
                    if (placement == Placement.Locate && locator.IsEmpty)
                    {
                        await LoadStoredUnitsAsync(connection, locator, source, validators[i], cancellationToken).ConfigureAwait(false);
                    }
                }
                var fileCounty = options.County ?? (fileCounties.Count == 1 ? fileCounties.First() : null);
                var stager = new LayerStager(validators[i], source, locator, placement, fileCounty, fileCounties);
                await stager.CreateStageAsync(connection, cancellationToken).ConfigureAwait(false);
                await stager.StageAsync(connection, problems, options.SkipInvalid, progress, cancellationToken).ConfigureAwait(false);
                stagers.Add((stager, validators[i], source));
                if (placement == Placement.ByLocationCode)
                {
                    fileCounties.UnionWith(stager.Counties.Where(c => !c.EndsWith("00", StringComparison.Ordinal)));
                }
            }
            if (problems.Count > 0 && !options.SkipInvalid)
            {
                throw new ImportFailedException(path, problems);
            }
            var year = options.Year ?? stagers.Select(s => s.Stager.DataYear).FirstOrDefault(y => y is not null)
                ?? throw new SourceFileException(path, null, "no --year given and the data has no SJNF (data year) field to take it from");

            var written = new List<ImportedLayer>();
            var invalidation = new ScreeningInvalidation();
            foreach (var (stager, validator, source) in stagers)
            {
                progress?.Report(new ImportProgress(validator.Schema.Code, stager.Staged, stager.Staged, "replace version"));
                written.AddRange(await VersionSwap.ApplyAsync(connection, validator.Schema, stager, new VersionSwap.Source(
                    path, source.Name, sha256, validator.Crs.Epsg!.Value, options.ImportedBy), year, invalidation, cancellationToken).ConfigureAwait(false));
            }
            // Queued in the same transaction: layers and the re-screening they call for commit together or not at all.
            var screeningRuns = await invalidation.QueueAsync(connection, cancellationToken).ConfigureAwait(false);
            if (options.BeforeCommit is { } beforeCommit)
            {
                await beforeCommit(connection, written, cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new ImportResult(written, problems) { ScreeningRuns = screeningRuns };
        }
        finally
        {
            foreach (var source in sources)
            {
                source.Dispose();
            }
        }
    }

    /// <summary>Which source layer becomes which one-map layer; XZQ first so later layers can be located in it.</summary>
    private static List<(SourceLayer Source, LayerSchema Schema)> Plan(string path, IReadOnlyList<SourceLayer> sources, ImportOptions options)
    {
        var plan = new List<(SourceLayer, LayerSchema)>();
        if (options.As is { } asName)
        {
            var schema = LayerSchemas.ByName(asName) ?? throw new SourceFileException(path, null,
                $"--as {asName}: not a layer type; use one of {string.Join(", ", LayerSchemas.All.Select(s => s.Code))}");
            if (sources.Count != 1)
            {
                throw new SourceFileException(path, null,
                    $"--as applies to a file with one layer; this file has {sources.Count}: {string.Join(", ", sources.Select(s => s.Name))}");
            }
            plan.Add((sources[0], schema));
            return plan;
        }
        foreach (var source in sources)
        {
            if (LayerSchemas.Detect(source.Name) is { } schema)
            {
                if (plan.Any(p => p.Item2 == schema))
                {
                    throw new SourceFileException(path, source.Name,
                        $"two layers of the file are {schema.Code} ({plan.First(p => p.Item2 == schema).Item1.Name} and {source.Name}); import them one at a time with --as");
                }
                plan.Add((source, schema));
            }
        }
        if (plan.Count == 0)
        {
            throw new SourceFileException(path, null,
                $"no layer of a known type: layers are {string.Join(", ", sources.Select(s => s.Name))}; name them XZQ, DLTB, YJJBNT, GBZNT, PZYD or BHTB, or use --as");
        }
        // XZQ first (later layers are located in it), then layers whose features name their county, then the rest.
        return plan.OrderBy(p => p.Item2.Kind == LayerKind.Xzq ? 0 : LayerStager.CarriesLocation(p.Item2) ? 1 : 2).ToList();
    }

    private static async Task LoadStoredUnitsAsync(NpgsqlConnection connection, AdminLocator locator, SourceLayer source,
        LayerValidator validator, CancellationToken cancellationToken)
    {
        var extent = new Envelope();
        foreach (var feature in source.ReadFeatures())
        {
            if (feature.Geometry is { IsEmpty: false } g && g.UserData is null)
            {
                extent.ExpandToInclude(g.EnvelopeInternal);
            }
        }
        if (extent.IsNull)
        {
            return;
        }
        if (validator.Crs.Zone is { } zone)
        {
            var projector = new TransverseMercator(zone);
            var (minLon, minLat) = projector.Inverse(extent.MinX, extent.MinY);
            var (maxLon, maxLat) = projector.Inverse(extent.MaxX, extent.MaxY);
            extent = new Envelope(minLon - 0.05, maxLon + 0.05, minLat - 0.05, maxLat + 0.05);
        }
        await locator.LoadStoredAsync(connection, extent, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [path];
        var buffer = new byte[1 << 20];
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
