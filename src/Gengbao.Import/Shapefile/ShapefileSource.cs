using Gengbao.Import.Model;

namespace Gengbao.Import.Shapefile;

/// <summary>Opens ESRI shapefiles: one .shp, every .shp in a folder (and its subfolders), or the shapefiles in a .zip.</summary>
public static class ShapefileSource
{
    /// <summary>
    /// Opens the shapefile layers at <paramref name="path"/>: a .shp file, a folder (searched recursively), or a
    /// .zip archive, which is extracted into a temporary folder that is deleted when the last of its layers is
    /// disposed. Layers are ordered by path. Every layer must be disposed.
    /// </summary>
    /// <remarks>
    /// DBF text is decoded with the code page from the .cpg, else from a definite DBF language driver id, else GBK.
    /// A zip is refused when an entry path is absolute or leaves the folder, when it would unpack to more than
    /// 2 GiB, or when it is compressed more than 200 to 1.
    /// </remarks>
    /// <exception cref="SourceFileException">The path does not exist, holds no shapefile, or a shapefile is incomplete or damaged.</exception>
    public static IReadOnlyList<SourceLayer> Open(string path)
    {
        if (Directory.Exists(path))
        {
            return OpenFolder(path, path, null);
        }
        if (!File.Exists(path))
        {
            throw new SourceFileException(path, null, "file or folder not found");
        }
        var extension = Path.GetExtension(path);
        if (extension.Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return OpenZip(path);
        }
        if (extension.Equals(".shp", StringComparison.OrdinalIgnoreCase))
        {
            return [ShapefileLayer.Open(path, path, null)];
        }
        throw new SourceFileException(path, null, "not a shapefile: expected a .shp file, a folder of shapefiles or a .zip holding them");
    }

    private static IReadOnlyList<SourceLayer> OpenZip(string zipPath)
    {
        var folder = TemporaryFolder.Create("gengbao-shp");
        try
        {
            SafeZipExtractor.Extract(zipPath, folder.Path);
            return OpenFolder(folder.Path, zipPath, folder);
        }
        finally
        {
            folder.Release(); // the creator's reference; the layers hold their own
        }
    }

    /// <summary>Opens every .shp under <paramref name="folder"/>; <paramref name="displayRoot"/> replaces the folder in messages.</summary>
    private static IReadOnlyList<SourceLayer> OpenFolder(string folder, string displayRoot, TemporaryFolder? temporary)
    {
        var shpFiles = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).Equals(".shp", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (shpFiles.Count == 0)
        {
            throw new SourceFileException(displayRoot, null,
                temporary is null ? "the folder holds no shapefile (.shp)" : "the zip holds no shapefile (.shp)");
        }
        var layers = new List<SourceLayer>(shpFiles.Count);
        try
        {
            foreach (var shp in shpFiles)
            {
                var display = Path.Combine(displayRoot, Path.GetRelativePath(folder, shp));
                temporary?.AddReferences(1);
                try
                {
                    layers.Add(ShapefileLayer.Open(shp, display, temporary));
                }
                catch
                {
                    temporary?.Release();
                    throw;
                }
            }
            return layers;
        }
        catch
        {
            foreach (var layer in layers)
            {
                layer.Dispose();
            }
            throw;
        }
    }
}
