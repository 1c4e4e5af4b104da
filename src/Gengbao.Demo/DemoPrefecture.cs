using Gengbao.Demo.Generation;
using Gengbao.Demo.Geography;
using Gengbao.Demo.Output;

namespace Gengbao.Demo;

/// <summary>
/// Generates the demo prefecture modelled on 临夏回族自治州 (622900): real counties, townships and villages, generated
/// village groups, and for the survey years 2023 and 2024 the land-use patches, permanent basic farmland, high-standard
/// farmland projects, approvals and (2024) change patches, in CGCS2000 3-degree Gauss–Krüger zone 34 (EPSG:4522).
/// See docs/demo.md.
/// </summary>
public static class DemoPrefecture
{
    /// <summary>Villages generated ahead of the writer at most, whatever the size: bounds memory.</summary>
    private const int Window = 16;

    /// <summary>
    /// Writes <c>demo-2023.gpkg</c> and <c>demo-2024.gpkg</c> into <paramref name="outputDirectory"/> (replacing existing
    /// ones) and returns their paths. Layers XZQ, DLTB, YJJBNT, GBZNT, PZYD in both, BHTB in 2024. Villages are generated in
    /// parallel and streamed to disk, so memory stays bounded for millions of patches. On failure neither file is left.
    /// </summary>
    public static IReadOnlyList<string> WriteGeoPackages(DemoOptions options, string outputDirectory, IProgress<DemoProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Size, 1, nameof(options));
        var county = NormaliseCounty(options.County);
        Directory.CreateDirectory(outputDirectory);

        progress?.Report(new DemoProgress("divisions", 0, 1));
        var model = AdminBuilder.Build(options.Seed, county);
        PatchAllocator.Allocate(model, options.Size, options.Seed);
        var field = new LandUseField(options.Seed);
        var jobs = model.Counties
            .SelectMany(c => c.Children.SelectMany(t => t.Children.Select(v => (County: c, Township: t, Village: v))))
            .ToList();
        progress?.Report(new DemoProgress("divisions", 1, 1));

        using var writer = new DemoWriter(outputDirectory, options.Seed);
        try
        {
            writer.WriteAdmin(model);
            writer.BeginPatches();
            OrderedPipeline.Run(jobs.Count, Environment.ProcessorCount, Window,
                i => VillageGenerator.Generate(jobs[i].County, jobs[i].Township, jobs[i].Village, field, options.Seed),
                (i, result) =>
                {
                    writer.Add(result);
                    if ((i + 1) % 20 == 0 || i + 1 == jobs.Count)
                    {
                        progress?.Report(new DemoProgress("villages", i + 1, jobs.Count));
                    }
                });
            progress?.Report(new DemoProgress("layers", 0, 1));
            writer.Finish();
            progress?.Report(new DemoProgress("layers", 1, 1));
        }
        catch
        {
            writer.Abort();
            throw;
        }
        return [writer.Path2023, writer.Path2024];
    }

    private static string? NormaliseCounty(string? county)
    {
        if (string.IsNullOrWhiteSpace(county))
        {
            return null;
        }
        var code = county.Trim();
        if (code.Length == 12 && code.EndsWith("000000", StringComparison.Ordinal))
        {
            code = code[..6];
        }
        if (!LinxiaGeography.Counties.Any(c => c.Code == code))
        {
            throw new ArgumentException(
                $"County must be one of {string.Join(", ", LinxiaGeography.Counties.Select(c => c.Code))}, not '{county}'", nameof(county));
        }
        return code;
    }
}
