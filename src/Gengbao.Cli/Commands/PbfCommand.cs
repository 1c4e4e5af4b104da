using System.CommandLine;
using System.Globalization;
using System.Text;
using Gengbao.Batch;
using Gengbao.Geo.Crs;
using Gengbao.Import;
using Gengbao.Import.GeoPackage;
using Gengbao.Import.Model;
using Gengbao.Ledger.Accounts;
using Gengbao.Ledger.Optimisation;
using Gengbao.Storage.Database;
using Gengbao.Storage.Ledger;
using Gengbao.Storage.OneMap;
using NetTopologySuite.Geometries;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao pbf --unit CODE --year Y --out DIR [--gap M] [--min-block M2] [--min-share S] [--polluted FILE]…
/// [--fragile FILE]…</c>: PBF optimisation support (docs/ledger.md §7). Writes DIR/withdraw.csv, DIR/add.csv,
/// DIR/contiguity.csv, DIR/summary.txt and DIR/candidates.gpkg (layers TCHX withdraw and BRHX add, EPSG:4490).
/// </summary>
internal static class PbfCommand
{
    public static Command Create()
    {
        var unit = new Option<string>("--unit", "--county") { Description = "County (6 digits), township or village code; blocks are formed over the county", Required = true };
        var year = new Option<int>("--year") { Description = "Survey year", Required = true };
        var output = new Option<string>("--out") { Description = "Directory for the candidate lists, statistics and GeoPackage", Required = true };
        var defaults = new PbfOptimisationOptions();
        var gap = new Option<double>("--gap") { Description = "Parcels at most this far apart (m) are one contiguous block", DefaultValueFactory = _ => defaults.GapMetres };
        var minBlock = new Option<decimal>("--min-block") { Description = "Blocks below this official area (m²) are fragments", DefaultValueFactory = _ => defaults.MinBlockArea };
        var minShare = new Option<double>("--min-share") { Description = "Share of a parcel on steep land or inside a layer that makes it a candidate (0-1)", DefaultValueFactory = _ => defaults.MinShareInside };
        var polluted = new Option<string[]>("--polluted") { Description = "Polygon layer file(s) of strictly controlled polluted land", DefaultValueFactory = _ => [] };
        var fragile = new Option<string[]>("--fragile") { Description = "Polygon layer file(s) of ecologically fragile areas", DefaultValueFactory = _ => [] };
        var command = new Command("pbf", "PBF optimisation: candidates to withdraw and to add, contiguity statistics")
            { unit, year, output, gap, minBlock, minShare, polluted, fragile };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var options = new PbfOptimisationOptions
            {
                GapMetres = parse.GetValue(gap), MinBlockArea = parse.GetValue(minBlock), MinShareInside = parse.GetValue(minShare),
            };
            var exclusions = parse.GetValue(polluted)!.SelectMany(f => ReadLayers(f, ExclusionKind.Polluted))
                .Concat(parse.GetValue(fragile)!.SelectMany(f => ReadLayers(f, ExclusionKind.Fragile))).ToList();
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var run = await new PbfOptimisationQuery(dataSource).RunAsync(parse.GetValue(unit)!, parse.GetValue(year), options, exclusions, ct);
            var directory = parse.GetValue(output)!;
            Directory.CreateDirectory(directory);
            Write(run, directory);
            Console.Write(Summary(run));
            return 0;
        }));
        return command;
    }

    /// <summary>Every layer of a polygon file as one exclusion layer in EPSG:4490 (Gauss–Krüger zones are projected back).</summary>
    private static IEnumerable<ExclusionLayer> ReadLayers(string path, ExclusionKind kind)
    {
        foreach (var layer in SourceOpener.Open(path))
        {
            using (layer)
            {
                var crs = CgcsCrs.Identify(layer.Epsg, layer.CrsDefinition);
                if (!crs.IsSupported)
                {
                    throw new SourceFileException(path, layer.Name, $"unsupported coordinate reference system: {crs.Description}");
                }
                var polygons = layer.ReadFeatures().Select(f => f.Geometry).OfType<Geometry>().Where(g => g is Polygon or MultiPolygon && !g.IsEmpty)
                    .Select(g => crs.Zone is { } zone ? GeometryReprojector.ToGeographic(g, zone) : g).ToList();
                yield return new ExclusionLayer($"{Path.GetFileName(path)}:{layer.Name}", kind, polygons);
            }
        }
    }

    private static void Write(PbfOptimisationRun run, string directory)
    {
        var inv = CultureInfo.InvariantCulture;
        var result = run.Result;
        var withdraw = new StringBuilder("fid,BSM,ZLDWDM,TBMJ,mu,block,block_m2,reasons,steep_share,layers\n");
        foreach (var w in result.Withdraw)
        {
            withdraw.Append(inv, $"{w.Fid},{Csv(w.Bsm ?? "")},{w.VillageCode},{w.OfficialArea:F2},{AreaUnits.Mu(w.OfficialArea):F2},{w.Block},{w.BlockArea:F2},{Csv(w.Reasons.ToString())},{w.SteepShare:F4},{Csv(w.Layers)}\n");
        }
        WholeFile.Write(Path.Combine(directory, "withdraw.csv"), writer => writer.Write(withdraw.ToString()));
        var add = new StringBuilder("fid,XMBH,XMMC,area_m2,mu\n");
        foreach (var a in result.Add)
        {
            add.Append(inv, $"{a.ProjectFid},{Csv(a.ProjectNo ?? "")},{Csv(a.ProjectName)},{a.Area:F2},{AreaUnits.Mu(a.Area):F2}\n");
        }
        WholeFile.Write(Path.Combine(directory, "add.csv"), writer => writer.Write(add.ToString()));
        var bins = new StringBuilder("from_m2,to_m2,blocks,parcels,area_m2,mu\n");
        foreach (var b in result.Contiguity.Bins)
        {
            bins.Append(inv, $"{b.From:F2},{(b.To is { } to ? to.ToString("F2", inv) : "")},{b.Blocks},{b.Parcels},{b.Area:F2},{AreaUnits.Mu(b.Area):F2}\n");
        }
        WholeFile.Write(Path.Combine(directory, "contiguity.csv"), writer => writer.Write(bins.ToString()));
        WholeFile.Write(Path.Combine(directory, "summary.txt"), writer => writer.Write(Summary(run)));

        using var gpkg = GeoPackageWriter.Create(Path.Combine(directory, "candidates.gpkg"));
        try
        {
            gpkg.BeginLayer("TCHX", 4490, [new("BSM", FieldType.Text), new("ZLDWDM", FieldType.Text), new("TBMJ", FieldType.Real),
                new("LPBH", FieldType.Integer), new("LPMJ", FieldType.Real), new("TCYY", FieldType.Text), new("PDZB", FieldType.Real), new("TC", FieldType.Text)]);
            foreach (var w in result.Withdraw)
            {
                gpkg.Write(w.Geographic, [w.Bsm, w.VillageCode, (double)w.OfficialArea, (long)w.Block, (double)w.BlockArea, w.Reasons.ToString(), w.SteepShare, w.Layers]);
            }
            gpkg.EndLayer();
            gpkg.BeginLayer("BRHX", 4490, [new("XMBH", FieldType.Text), new("XMMC", FieldType.Text), new("MJ", FieldType.Real)]);
            foreach (var a in result.Add)
            {
                gpkg.Write(a.Geographic, [a.ProjectNo, a.ProjectName, (double)a.Area]);
            }
            gpkg.EndLayer();
        }
        catch
        {
            gpkg.Abort();
            throw;
        }
    }

    private static string Summary(PbfOptimisationRun run)
    {
        var inv = CultureInfo.InvariantCulture;
        var r = run.Result;
        var c = r.Contiguity;
        var text = new StringBuilder();
        text.Append(inv, $"PBF optimisation of {run.UnitCode} ({run.Year}), blocks over county {run.CountyCode}: gap {r.Options.GapMetres} m, fragment below {r.Options.MinBlockArea:F2} m², share ≥ {r.Options.MinShareInside}\n");
        text.Append(inv, $"PBF: {c.Parcels} parcels, {c.Blocks} contiguous blocks, {c.Area:F2} m² ({AreaUnits.Mu(c.Area):F2} 亩)\n");
        foreach (var s in c.Shares)
        {
            text.Append(inv, $"in blocks ≥ {s.Threshold:F2} m² ({AreaUnits.Mu(s.Threshold):F0} 亩): {s.Area:F2} m², {s.Share:P2}\n");
        }
        foreach (var (reason, label) in new[] { (WithdrawReasons.Fragment, "fragments"), (WithdrawReasons.SteepSlope, "steep (grade 5)"), (WithdrawReasons.Polluted, "polluted"), (WithdrawReasons.Fragile, "fragile") })
        {
            text.Append(inv, $"withdraw, {label}: {r.Withdraw.Count(w => (w.Reasons & reason) != 0)} parcels, {r.WithdrawArea(reason):F2} m²\n");
        }
        text.Append(inv, $"withdraw, any reason: {r.Withdraw.Count} parcels, {r.Withdraw.Sum(w => w.OfficialArea):F2} m²\n");
        text.Append(inv, $"add (high-standard farmland on cultivated land outside PBF): {r.Add.Count} projects, {r.Add.Sum(a => a.Area):F2} m²\n");
        return text.ToString();
    }

    private static string Csv(string text) => text.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
