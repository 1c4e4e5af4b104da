using Gengbao.Import;
using Gengbao.Import.FileGdb;
using Gengbao.Import.GeoJson;
using Gengbao.Import.GeoPackage;
using Gengbao.Import.Model;
using Gengbao.Import.Shapefile;

namespace Gengbao.Storage.OneMap;

/// <summary>Opens any supported source by its extension: GeoPackage, Shapefile (file, folder or zip), GeoJSON, File Geodatabase.</summary>
public static class SourceOpener
{
    public static IReadOnlyList<SourceLayer> Open(string path)
    {
        var full = Path.GetFullPath(path);
        var extension = Path.GetExtension(full.TrimEnd('/')).ToLowerInvariant();
        if (Directory.Exists(full))
        {
            return extension == ".gdb" ? FileGdbSource.Open(full) : ShapefileSource.Open(full);
        }
        if (!File.Exists(full))
        {
            throw new SourceFileException(full, null, "file not found");
        }
        return extension switch
        {
            ".gpkg" => GeoPackageReader.Open(full),
            ".shp" or ".zip" => ShapefileSource.Open(full),
            ".geojson" or ".json" => [GeoJsonSource.Open(full)],
            ".dbf" or ".shx" or ".prj" or ".cpg" => ShapefileSource.Open(Path.ChangeExtension(full, ".shp")),
            _ => throw new SourceFileException(full, null,
                $"unsupported file type '{extension}': import reads GeoPackage (.gpkg), Shapefile (.shp, a folder or a .zip), GeoJSON (.geojson) and File Geodatabase (.gdb folder)"),
        };
    }
}
