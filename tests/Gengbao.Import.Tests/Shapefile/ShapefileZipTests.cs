using System.IO.Compression;
using Gengbao.Import.Shapefile;
using Gengbao.Import.Tests.TestData;

namespace Gengbao.Import.Tests.Shapefile;

/// <summary>Zipped shapefiles: read from a temp folder that goes away on dispose, and hostile archives refused.</summary>
public sealed class ShapefileZipTests
{
    [Fact]
    public void Zipped_shapefile_reads_and_its_temp_folder_is_deleted_on_dispose()
    {
        using var scratch = new ScratchFolder();
        var zip = scratch.File("县级数据.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.GetFiles(TestFiles.PathTo("shp-gbk")))
            {
                archive.CreateEntryFromFile(file, "成果/" + Path.GetFileName(file));
            }
        }

        var layer = Assert.Single(ShapefileSource.Open(zip));
        var extracted = ((ShapefileLayer)layer).ShpFile;
        Assert.Equal(Path.Combine(zip, "成果", "DLTB.shp"), layer.SourcePath);
        Assert.True(File.Exists(extracted));
        Assert.Equal("水浇地", ShapefileSourceTests.Value(layer, layer.ReadFeatures().First(), "DLMC"));

        layer.Dispose();
        Assert.False(File.Exists(extracted));
        Assert.False(Directory.Exists(Path.GetDirectoryName(Path.GetDirectoryName(extracted))));
    }

    [Fact]
    public void Entry_names_in_gbk_without_the_utf8_flag_are_decoded()
    {
        using var scratch = new ScratchFolder();
        var zip = scratch.File("gbk-names.zip");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create, System.Text.Encoding.GetEncoding(936)))
        {
            foreach (var file in Directory.GetFiles(TestFiles.PathTo("shp-gbk")))
            {
                archive.CreateEntryFromFile(file, "地类图斑" + Path.GetExtension(file));
            }
        }
        using var layer = Assert.Single(ShapefileSource.Open(zip));
        Assert.Equal("地类图斑", layer.Name);
        Assert.Equal(5, layer.ReadFeatures().Count());
    }

    [Fact]
    public void Entry_escaping_the_folder_is_refused()
    {
        using var scratch = new ScratchFolder();
        var zip = scratch.File("evil.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.GetFiles(TestFiles.PathTo("shp-gbk")))
            {
                archive.CreateEntryFromFile(file, Path.GetFileName(file));
            }
            archive.CreateEntryFromFile(TestFiles.PathTo("shp-gbk/DLTB.shp"), "../evil.shp");
        }

        var error = Assert.Throws<SourceFileException>(() => ShapefileSource.Open(zip));
        Assert.Contains("../evil.shp", error.Message);
        Assert.Equal(zip, error.Path);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil.shp")));
    }

    [Fact]
    public void Absolute_entry_is_refused()
    {
        using var scratch = new ScratchFolder();
        var zip = scratch.File("absolute.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(TestFiles.PathTo("shp-gbk/DLTB.shp"), "/tmp/gengbao-absolute.shp");
        }
        var error = Assert.Throws<SourceFileException>(() => ShapefileSource.Open(zip));
        Assert.Contains("/tmp/gengbao-absolute.shp", error.Message);
    }

    [Fact]
    public void Highly_compressed_archive_is_refused_as_a_zip_bomb()
    {
        using var scratch = new ScratchFolder();
        var zip = scratch.File("bomb.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var entry = archive.CreateEntry("DLTB.dbf", CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[16 * 1024 * 1024]); // 16 MiB of zeros deflate about 1000 to 1
        }
        var error = Assert.Throws<SourceFileException>(() => ShapefileSource.Open(zip));
        Assert.Contains("zip bomb", error.Message);
    }

    [Fact]
    public void Zip_without_shapefile_is_an_error()
    {
        using var scratch = new ScratchFolder();
        var zip = scratch.File("empty.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            writer.Write("no data");
        }
        var error = Assert.Throws<SourceFileException>(() => ShapefileSource.Open(zip));
        Assert.Contains("no shapefile", error.Message);
    }
}
