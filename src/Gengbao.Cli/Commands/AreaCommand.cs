using System.CommandLine;
using System.Globalization;
using Gengbao.Batch;
using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using Gengbao.Import;
using Gengbao.Import.Model;
using Gengbao.Storage.OneMap;

namespace Gengbao.Cli.Commands;

/// <summary><c>gengbao area FILE --layer DLTB --out areas.csv</c>: the official ellipsoidal area of every polygon, as BSM,area_m2.</summary>
internal static class AreaCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "GeoPackage, Shapefile, GeoJSON or File Geodatabase" };
        var layerName = new Option<string>("--layer") { Description = "Layer to measure", DefaultValueFactory = _ => "DLTB" };
        var output = new Option<string>("--out") { Description = "CSV file to write (BSM,area_m2)", Required = true };
        var method = new Option<string>("--method")
        {
            Description = "official: the land-survey trapezoid formula (国土调查办发〔2008〕32号, default); geodesic: area inside geodesic edges, as PostGIS ST_Area(geography) and GeographicLib",
            DefaultValueFactory = _ => "official",
        };
        method.AcceptOnlyFromAmong("official", "geodesic");
        var command = new Command("area", "Compute the ellipsoidal area (m², 0.01) of every polygon of a layer; docs/area.md compares the methods") { file, layerName, output, method };
        command.SetAction(parse => CliErrors.RunAsync(() =>
        {
            var path = parse.GetValue(file)!;
            var wanted = parse.GetValue(layerName)!;
            var outPath = parse.GetValue(output)!;
            var geodesic = parse.GetValue(method) == "geodesic";
            var layers = SourceOpener.Open(path);
            try
            {
                var layer = layers.FirstOrDefault(l => string.Equals(l.Name, wanted, StringComparison.OrdinalIgnoreCase))
                    ?? throw new SourceFileException(path, wanted, $"no such layer; the file has {string.Join(", ", layers.Select(l => l.Name))}");
                var crs = CgcsCrs.Identify(layer.Epsg, layer.CrsDefinition);
                if (!crs.IsSupported)
                {
                    throw new SourceFileException(path, layer.Name, $"unsupported coordinate reference system: {crs.Description}");
                }
                var bsmIndex = layer.FieldIndex("BSM");
                WholeFile.Write(outPath, writer =>
                {
                    writer.Write("BSM,area_m2\n");
                    foreach (var feature in layer.ReadFeatures())
                    {
                        if (feature.Geometry is null || feature.Geometry.UserData is RawValue)
                        {
                            throw new SourceFileException(path, layer.Name, $"feature {feature.Fid}: no readable geometry");
                        }
                        var area = (crs.Zone, geodesic) switch
                        {
                            ({ } zone, false) => EllipsoidalArea.OfGaussKruger(feature.Geometry, zone),
                            ({ } zone, true) => GeodesicArea.OfGeographic(GeometryReprojector.ToGeographic(feature.Geometry, zone)),
                            (null, false) => EllipsoidalArea.OfGeographic(feature.Geometry),
                            (null, true) => GeodesicArea.OfGeographic(feature.Geometry),
                        };
                        var id = bsmIndex >= 0 ? Convert.ToString(feature.Values[bsmIndex], CultureInfo.InvariantCulture) : feature.Fid.ToString(CultureInfo.InvariantCulture);
                        writer.Write(id);
                        writer.Write(',');
                        writer.Write(EllipsoidalArea.Round(area).ToString("F2", CultureInfo.InvariantCulture));
                        writer.Write('\n');
                    }
                });
            }
            finally
            {
                foreach (var layer in layers)
                {
                    layer.Dispose();
                }
            }
            return Task.FromResult(0);
        }));
        return command;
    }
}
