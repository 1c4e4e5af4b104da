using Gengbao.Import.GeoPackage;
using Gengbao.Import.Model;
using Gengbao.Import.Shapefile;

namespace Gengbao.Import.FileGdb;

/// <summary>
/// Opens an ESRI File Geodatabase (.gdb folder) by converting it with GDAL's ogr2ogr (OpenFileGDB driver, no ESRI
/// SDK needed) into a temporary GeoPackage and reading that with <see cref="GeoPackageReader"/>. The conversion
/// keeps OBJECTID as the fid, attribute names and values, and each feature class's CRS.
/// </summary>
public static class FileGdbSource
{
    /// <summary>
    /// Converts <paramref name="gdbFolder"/> and opens its feature classes. Curved segments (true arcs, which
    /// ArcGIS stores for some boundaries) are densified into straight segments by ogr2ogr, since GeoPackage
    /// readers here take linear WKB only. The temporary GeoPackage is deleted when the last layer is disposed.
    /// </summary>
    /// <exception cref="SourceFileException">The folder is missing or ogr2ogr cannot convert it (its message is included).</exception>
    public static IReadOnlyList<SourceLayer> Open(string gdbFolder)
    {
        if (!Directory.Exists(gdbFolder))
        {
            throw new SourceFileException(gdbFolder, null, "the File Geodatabase folder does not exist");
        }
        var folder = TemporaryFolder.Create("gengbao-gdb");
        try
        {
            var gpkg = Path.Combine(folder.Path, "converted.gpkg");
            Convert(gdbFolder, gpkg);
            IReadOnlyList<SourceLayer> converted;
            try
            {
                converted = GeoPackageReader.Open(gpkg);
            }
            catch (SourceFileException e)
            {
                throw new SourceFileException(gdbFolder, e.Layer, $"{e.Problem} (in the GeoPackage converted from it)", e);
            }
            folder.AddReferences(converted.Count);
            return converted.Select(layer => (SourceLayer)new FileGdbLayer(layer, gdbFolder, folder)).ToArray();
        }
        finally
        {
            folder.Release(); // the creator's reference; each layer holds its own
        }
    }

    private static void Convert(string gdbFolder, string gpkg)
    {
        (int ExitCode, string Errors) result;
        try
        {
            result = Ogr2Ogr.Run(["-f", "GPKG", "-nlt", "CONVERT_TO_LINEAR", gpkg, gdbFolder]);
        }
        catch (InvalidOperationException e)
        {
            throw new SourceFileException(gdbFolder, null, e.Message, e);
        }
        if (result.ExitCode != 0 || !File.Exists(gpkg))
        {
            var detail = result.Errors.Length > 0 ? result.Errors : $"exit code {result.ExitCode}, no message";
            throw new SourceFileException(gdbFolder, null, $"ogr2ogr could not convert the File Geodatabase: {detail}");
        }
    }
}
