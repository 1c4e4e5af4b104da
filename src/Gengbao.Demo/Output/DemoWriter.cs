using System.Globalization;
using Gengbao.Demo.Generation;
using Gengbao.Demo.Geography;
using Gengbao.Import.GeoPackage;

namespace Gengbao.Demo.Output;

/// <summary>
/// Writes the two survey years side by side: the DLTB layers stream straight into both GeoPackages village by village,
/// the other layers are spooled and written after. Numbers that run across villages (BSM, approval numbers, monitoring
/// numbers, project numbers) are given here, in write order, which is what keeps parallel generation deterministic.
/// </summary>
internal sealed class DemoWriter : IDisposable
{
    private const int Srid = LinxiaGeography.Srid;

    private readonly GeoPackageWriter _year2023;
    private readonly GeoPackageWriter _year2024;
    private readonly string _spoolDirectory;
    private readonly FeatureSpool _farmland;
    private readonly FeatureSpool _projects;
    private readonly FeatureSpool _approvals;
    private readonly FeatureSpool _changes;
    private readonly DemoRandom _numbers;
    private readonly Dictionary<string, int> _projectNumbers = [];
    private readonly Dictionary<(string County, int Year), int> _approvalNumbers = [];
    private readonly Dictionary<string, int> _changeNumbers = [];
    private long _bsm2023;
    private long _bsm2024;
    private long _bsmFarmland;

    public DemoWriter(string directory, int seed)
    {
        Path2023 = Path.Combine(directory, "demo-2023.gpkg");
        Path2024 = Path.Combine(directory, "demo-2024.gpkg");
        _spoolDirectory = Path.Combine(directory, ".demo-spool-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_spoolDirectory);
        _year2023 = GeoPackageWriter.Create(Path2023);
        _year2024 = GeoPackageWriter.Create(Path2024);
        _farmland = new FeatureSpool(Path.Combine(_spoolDirectory, "yjjbnt"));
        _projects = new FeatureSpool(Path.Combine(_spoolDirectory, "gbznt"));
        _approvals = new FeatureSpool(Path.Combine(_spoolDirectory, "pzyd"));
        _changes = new FeatureSpool(Path.Combine(_spoolDirectory, "bhtb"));
        _numbers = DemoRandom.For(seed, "document numbers");
    }

    public string Path2023 { get; }
    public string Path2024 { get; }

    public void WriteAdmin(AdminModel model)
    {
        foreach (var writer in new[] { _year2023, _year2024 })
        {
            writer.BeginLayer("XZQ", Srid, DemoLayers.Xzq);
            foreach (var unit in model.All)
            {
                writer.Write(unit.Geometry, [unit.Code, unit.Name, (long)unit.Level, unit.ParentCode]);
            }
            writer.EndLayer();
        }
    }

    public void BeginPatches()
    {
        _year2023.BeginLayer("DLTB", Srid, DemoLayers.Dltb);
        _year2024.BeginLayer("DLTB", Srid, DemoLayers.Dltb);
    }

    public void Add(VillageResult village)
    {
        WritePatches(_year2023, village, village.Year2023, 2023, ref _bsm2023);
        WritePatches(_year2024, village, village.Year2024, 2024, ref _bsm2024);
        foreach (var patch in village.Farmland)
        {
            _farmland.Add(patch.Geometry, [++_bsmFarmland, patch.Dlbm, village.LocationCode(patch.Group), patch.Area]);
        }
        var county = village.County;
        foreach (var project in village.Projects)
        {
            var number = Next(_projectNumbers, county.Code, 1);
            _projects.Add(project.Geometry, [$"{county.Name}{project.Year}年高标准农田建设项目（第{number}片区）", (long)project.Year, project.Area]);
        }
        var prefix = LinxiaGeography.ApprovalPrefix(county.CountyCode);
        foreach (var approval in village.Approvals)
        {
            // Document numbers run per county and year with gaps, as other documents share the sequence.
            var key = (county.CountyCode, approval.Date.Year);
            var number = _approvalNumbers.TryGetValue(key, out var last) ? last + _numbers.Between(1, 9) : _numbers.Between(1, 40);
            _approvalNumbers[key] = number;
            _approvals.Add(approval.Geometry, [$"{prefix}政土批〔{approval.Date.Year}〕{number}号", approval.Type, approval.Date, approval.Area]);
        }
        foreach (var change in village.Changes)
        {
            var serial = Next(_changeNumbers, county.CountyCode, 1);
            var jcbh = string.Create(CultureInfo.InvariantCulture, $"{county.CountyCode}{change.Detected.Year}{serial:D6}");
            _changes.Add(change.Geometry, [jcbh, change.Source, change.Before, change.After, change.Area, change.Detected]);
        }
    }

    /// <summary>Ends the patch layers and writes the spooled ones: YJJBNT, GBZNT, PZYD (each year its approvals so far), BHTB (2024).</summary>
    public void Finish()
    {
        _year2023.EndLayer();
        _year2024.EndLayer();
        CopyToBoth("YJJBNT", DemoLayers.Yjjbnt, _farmland);
        CopyToBoth("GBZNT", DemoLayers.Gbznt, _projects);
        _year2023.BeginLayer("PZYD", Srid, DemoLayers.Pzyd);
        _year2024.BeginLayer("PZYD", Srid, DemoLayers.Pzyd);
        foreach (var (geometry, values) in _approvals.Read())
        {
            if (((DateOnly)values[2]!).Year <= 2023)
            {
                _year2023.Write(geometry, values);
            }
            _year2024.Write(geometry, values);
        }
        _year2023.EndLayer();
        _year2024.EndLayer();
        _year2024.BeginLayer("BHTB", Srid, DemoLayers.Bhtb);
        foreach (var (geometry, values) in _changes.Read())
        {
            _year2024.Write(geometry, values);
        }
        _year2024.EndLayer();
    }

    /// <summary>Discards both files (they are deleted on dispose instead of published).</summary>
    public void Abort()
    {
        _year2023.Abort();
        _year2024.Abort();
    }

    public void Dispose()
    {
        _year2023.Dispose();
        _year2024.Dispose();
        _farmland.Dispose();
        _projects.Dispose();
        _approvals.Dispose();
        _changes.Dispose();
        if (Directory.Exists(_spoolDirectory))
        {
            Directory.Delete(_spoolDirectory, recursive: true);
        }
    }

    private void CopyToBoth(string layer, Import.Model.SourceField[] fields, FeatureSpool spool)
    {
        _year2023.BeginLayer(layer, Srid, fields);
        _year2024.BeginLayer(layer, Srid, fields);
        foreach (var (geometry, values) in spool.Read())
        {
            _year2023.Write(geometry, values);
            _year2024.Write(geometry, values);
        }
        _year2023.EndLayer();
        _year2024.EndLayer();
    }

    private static void WritePatches(GeoPackageWriter writer, VillageResult village, List<Patch> patches, int year, ref long bsm)
    {
        for (var i = 0; i < patches.Count; i++)
        {
            var patch = patches[i];
            writer.Write(patch.Geometry,
            [
                ++bsm, (i + 1).ToString(CultureInfo.InvariantCulture), patch.Dlbm, LandClass.NameOf(patch.Dlbm),
                village.LocationCode(patch.Group), patch.Area, (long)year,
            ]);
        }
    }

    private static int Next<TKey>(Dictionary<TKey, int> counters, TKey key, int step) where TKey : notnull
    {
        var value = counters.TryGetValue(key, out var last) ? last + step : step;
        counters[key] = value;
        return value;
    }
}
