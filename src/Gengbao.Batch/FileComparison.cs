using System.CommandLine;
using System.Globalization;
using Gengbao.Geo.Crs;
using Gengbao.Import;
using Gengbao.Import.GeoPackage;
using Gengbao.Import.Model;
using Gengbao.Screening.Comparison;

namespace Gengbao.Batch;

/// <summary>
/// <c>compare --before A.gpkg --after B.gpkg --out matrix.csv [--changes changes.gpkg] [--threads N]</c>: overlays the
/// DLTB layers of two survey years and writes the per-village land-use transfer matrix, and optionally the pieces where
/// cultivated land was lost or gained (docs/comparison.md). The full CLI adds the database mode to the same options.
/// </summary>
public static class FileComparison
{
    public const string Description = "Land-use transfer matrix per village between two survey years (DLTB overlay)";

    private const string Layer = "DLTB";

    /// <summary>The file mode's options, one set per command so the full and the native CLI parse alike.</summary>
    public sealed class Options
    {
        public Option<string> Before { get; } = new("--before") { Description = "GeoPackage of the earlier survey year (layer DLTB)" };

        public Option<string> After { get; } = new("--after") { Description = "GeoPackage of the later survey year (layer DLTB), same CRS" };

        public Option<string> Output { get; } = new("--out") { Description = "CSV file to write (ZLDWDM_village,from_DLBM,to_DLBM,area_m2)" };

        public Option<string?> Changes { get; } = new("--changes") { Description = "GeoPackage to write with the pieces where cultivated land was lost or gained" };

        public Option<int> Threads { get; } = new("--threads") { Description = "Worker threads (results do not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount };

        public void AddTo(Command command)
        {
            ArgumentNullException.ThrowIfNull(command);
            foreach (var option in new Option[] { Before, After, Output, Changes, Threads })
            {
                command.Options.Add(option);
            }
        }

        /// <summary>Compares the files the command line names and prints the summary; exit code 0.</summary>
        public int Run(ParseResult parse, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(parse);
            if (parse.GetValue(Before) is not { } before || parse.GetValue(After) is not { } after || parse.GetValue(Output) is not { } output)
            {
                throw new ArgumentException("give --before A.gpkg --after B.gpkg --out matrix.csv");
            }
            var result = FileComparison.Run(before, after, output, parse.GetValue(Changes), parse.GetValue(Threads), cancellationToken);
            foreach (var line in result.Summary())
            {
                Console.WriteLine(line);
            }
            return 0;
        }
    }

    /// <summary>The <c>compare</c> command of the native tool: the file mode alone.</summary>
    public static Command CreateCommand()
    {
        var options = new Options();
        var command = new Command("compare", Description);
        options.AddTo(command);
        command.SetAction((parse, ct) => Task.FromResult(BatchErrors.Run(() => options.Run(parse, ct))));
        return command;
    }

    /// <summary>What a run produced, for the console and the tests.</summary>
    public sealed record Outcome(LandUseComparison Comparison, int MatrixRows, int ChangePieces)
    {
        /// <summary>Console lines: counts and the areas that are not in the matrix because only one year covers them.</summary>
        public IEnumerable<string> Summary()
        {
            var c = Comparison;
            yield return $"{MatrixRows} matrix rows from {c.Pieces.Count} pieces; {ChangePieces} cultivated-land change pieces";
            yield return string.Create(CultureInfo.InvariantCulture, $"before area {c.BeforeArea:F2} m², after area {c.AfterArea:F2} m², in both {c.CommonArea:F2} m²");
            yield return string.Create(CultureInfo.InvariantCulture,
                $"not in the matrix: before only {c.BeforeOnlyArea:F2} m² (no after parcel), after only {c.AfterOnlyArea:F2} m² (no before parcel)");
            yield return string.Create(CultureInfo.InvariantCulture,
                $"dropped {c.SliverCount} overlay slivers below {LandUseOverlayOp.SliverArea} m² (boundary noise), {c.SliverArea:F2} m² in all");
        }
    }

    /// <summary>
    /// Compares the DLTB layers of <paramref name="beforePath"/> and <paramref name="afterPath"/>. Bad input throws
    /// <see cref="SourceFileException"/> naming the file (both files when their CRSs differ); the outputs then do not
    /// exist (each is written to <c>.partial</c> and renamed only when complete).
    /// </summary>
    public static Outcome Run(string beforePath, string afterPath, string outputPath, string? changesPath, int threads, CancellationToken cancellationToken = default)
    {
        if (threads < 1)
        {
            throw new ArgumentException("--threads must be at least 1");
        }
        beforePath = Path.GetFullPath(beforePath);
        afterPath = Path.GetFullPath(afterPath);
        var (beforeZone, beforeSrs) = ZoneOf(beforePath);
        var (afterZone, _) = ZoneOf(afterPath);
        if (beforeZone != afterZone)
        {
            throw new SourceFileException(afterPath, Layer,
                $"coordinate reference system {afterZone} differs from {beforeZone} of {beforePath}; reproject one (e.g. ogr2ogr -t_srs EPSG:{beforeZone.Epsg}) so both years share one zone");
        }
        var beforeRead = Task.Run(() => ReadParcels(beforePath), cancellationToken);
        var afterParcels = ReadParcels(afterPath);
        var beforeParcels = beforeRead.GetAwaiter().GetResult();

        LandUseComparison comparison;
        try
        {
            comparison = LandUseOverlayOp.Run(beforeParcels, afterParcels, beforeZone, threads, cancellationToken);
        }
        catch (ComparisonInputException e)
        {
            throw new SourceFileException(e.Side == ComparisonSide.Before ? beforePath : afterPath, Layer, $"feature {e.ParcelId}: {e.Problem}", e);
        }
        var matrix = comparison.Matrix();
        var changePieces = 0;
        if (changesPath is not null)
        {
            changePieces = WriteChanges(changesPath, beforeSrs, comparison);
        }
        WriteCsv(outputPath, matrix);
        return new Outcome(comparison, matrix.Count, changePieces);
    }

    private static void WriteCsv(string outputPath, IReadOnlyList<TransferMatrixRow> matrix) =>
        WholeFile.Write(outputPath, writer => TransferMatrix.Write(writer, matrix));

    private static int WriteChanges(string path, int srsId, LandUseComparison comparison)
    {
        SourceField[] fields =
        [
            new("ZLDWDM", FieldType.Text), new("QSDL", FieldType.Text), new("HSDL", FieldType.Text),
            new("BHLX", FieldType.Text), new("MJ", FieldType.Real),
        ];
        var count = 0;
        using var writer = GeoPackageWriter.Create(path);
        try
        {
            writer.BeginLayer("GDBH", srsId, fields);
            foreach (var piece in comparison.Pieces)
            {
                if (piece.CultivatedChange is { } change && piece.Geometry is { } geometry)
                {
                    writer.Write(geometry, [piece.LocationCode, piece.FromClass, piece.ToClass, change, Math.Round(piece.Area, 2, MidpointRounding.AwayFromZero)]);
                    count++;
                }
            }
            writer.EndLayer();
        }
        catch
        {
            writer.Abort();
            throw;
        }
        return count;
    }

    /// <summary>The DLTB layer's Gauss–Krüger zone and GeoPackage SRS id; a missing file or layer is an error naming the file.</summary>
    private static (GaussKrugerZone Zone, int SrsId) ZoneOf(string path)
    {
        var layers = GeoPackageReader.Open(path);
        try
        {
            var layer = Find(path, layers);
            var crs = CgcsCrs.Identify(layer.Epsg, layer.CrsDefinition);
            if (!crs.IsSupported)
            {
                throw new SourceFileException(path, layer.Name, $"unsupported coordinate reference system: {crs.Description}");
            }
            var zone = crs.Zone ?? throw new SourceFileException(path, layer.Name,
                $"{crs.Description} is longitude/latitude; the comparison needs DLTB in a CGCS2000 Gauss-Kruger zone");
            return (zone, zone.Epsg);
        }
        finally
        {
            Dispose(layers);
        }
    }

    private static GeoPackageLayer Find(string path, IReadOnlyList<SourceLayer> layers) =>
        layers.FirstOrDefault(l => string.Equals(l.Name, Layer, StringComparison.OrdinalIgnoreCase)) as GeoPackageLayer
        ?? throw new SourceFileException(path, Layer, $"no such layer; the comparison needs DLTB and the file has {string.Join(", ", layers.Select(l => l.Name))}");

    private static List<ComparisonParcel> ReadParcels(string path)
    {
        var layers = GeoPackageReader.Open(path);
        try
        {
            var layer = Find(path, layers);
            var dlbm = FieldOf(path, layer, "DLBM");
            var zldwdm = FieldOf(path, layer, "ZLDWDM");
            var parcels = new List<ComparisonParcel>((int)(layer.FeatureCount ?? 0));
            foreach (var feature in layer.ReadFeatures())
            {
                var geometry = feature.Geometry ?? throw new SourceFileException(path, layer.Name, $"feature {feature.Fid}: no geometry");
                parcels.Add(new ComparisonParcel(feature.Fid, Text(feature.Values[dlbm]), Text(feature.Values[zldwdm]), geometry));
            }
            return parcels;
        }
        finally
        {
            Dispose(layers);
        }
    }

    private static int FieldOf(string path, SourceLayer layer, string name)
    {
        var index = layer.FieldIndex(name);
        return index >= 0 ? index
            : throw new SourceFileException(path, layer.Name, $"no field {name}; the layer has {string.Join(", ", layer.Fields.Select(f => f.Name))}");
    }

    private static string Text(object? value) => (Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").Trim();

    private static void Dispose(IReadOnlyList<SourceLayer> layers)
    {
        foreach (var layer in layers)
        {
            layer.Dispose();
        }
    }
}
