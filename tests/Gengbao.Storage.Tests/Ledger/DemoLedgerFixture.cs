using Gengbao.Demo;
using Gengbao.Storage.Comparison;
using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Gengbao.TestSupport;
using Npgsql;

namespace Gengbao.Storage.Tests.Ledger;

/// <summary>The demo prefecture (two survey years, 2023 and 2024) imported, and every county's 2023→2024 comparison run.</summary>
public sealed class DemoLedgerFixture : IAsyncLifetime
{
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public IReadOnlyList<string> Counties { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var work = Directory.CreateTempSubdirectory("gengbao-ledger-demo-");
        try
        {
            DataSource = GengbaoDatabase.CreateDataSource(await ThrowawayCluster.CreateDatabaseAsync("ledgerdemo"));
            var importer = new OneMapImporter(DataSource);
            var counties = new SortedSet<string>(StringComparer.Ordinal);
            var years = new SortedSet<int>();
            foreach (var file in DemoPrefecture.WriteGeoPackages(new DemoOptions(Seed: 7, Size: 8_000), work.FullName))
            {
                var year = int.Parse(Path.GetFileNameWithoutExtension(file)[^4..], System.Globalization.CultureInfo.InvariantCulture);
                var result = await importer.ImportAsync(file, new ImportOptions { Year = year });
                years.Add(year);
                counties.UnionWith(result.Layers.Where(l => l.Layer == "DLTB").Select(l => l.CountyCode));
            }
            (Counties, Years) = ([.. counties], [.. years]);
            var job = new ComparisonJob(DataSource, threads: 2);
            foreach (var county in Counties)
            {
                var run = await job.EnqueueAsync(county, Years[0], Years[^1], "test");
                var claimed = await job.ClaimAsync("test", run.Id) ?? throw new InvalidOperationException("comparison not claimed");
                var done = await job.ExecuteAsync(claimed);
                if (done.Status != "done")
                {
                    throw new InvalidOperationException($"comparison of {county} {done.Status}: {done.Error}");
                }
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();
}
