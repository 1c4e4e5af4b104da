using System.Diagnostics;
using System.Globalization;
using Gengbao.Import.FileGdb;
using Gengbao.Import.GeoJson;
using Gengbao.Import.Model;
using Gengbao.Import.Tests.TestData;

namespace Gengbao.Import.Tests.FileGdb;

/// <summary>File Geodatabases made with the real ogr2ogr (OpenFileGDB writer, GDAL ≥ 3.6) from the GeoJSON fixture.</summary>
public sealed class FileGdbSourceTests
{
    [Fact]
    public void Round_trip_keeps_count_attributes_geometry_and_crs()
    {
        using var scratch = new ScratchFolder();
        var source = TestFiles.PathTo("dltb-sample.geojson");
        var gdb = scratch.File("县级成果.gdb");
        RunOgr2Ogr("-f", "OpenFileGDB", gdb, source);

        using var expected = GeoJsonSource.Open(source);
        var layers = FileGdbSource.Open(gdb);
        var layer = Assert.Single(layers);
        var converted = ((FileGdbLayer)layer).Converted.SourcePath;
        try
        {
            Assert.Equal("DLTB", layer.Name);
            Assert.Equal(gdb, layer.SourcePath);
            Assert.Equal(4522, layer.Epsg);
            Assert.Equal(expected.FeatureCount, layer.FeatureCount);
            Assert.Equal(expected.Fields.Select(f => f.Name), layer.Fields.Select(f => f.Name));

            var want = expected.ReadFeatures().ToList();
            var got = layer.ReadFeatures().ToList();
            Assert.Equal(want.Count, got.Count);
            for (var i = 0; i < want.Count; i++)
            {
                foreach (var field in expected.Fields)
                {
                    Assert.Equal(Normalise(want[i].Values[expected.FieldIndex(field.Name)]), Normalise(got[i].Values[layer.FieldIndex(field.Name)]));
                }
                if (want[i].Geometry is null)
                {
                    Assert.Null(got[i].Geometry);
                }
                else
                {
                    // The geodatabase stores coordinates on its own XY grid: equal to well under a millimetre.
                    Assert.True(want[i].Geometry!.EqualsExact(got[i].Geometry!, 1e-4), $"geometry of feature {i} changed");
                }
            }
        }
        finally
        {
            layer.Dispose();
        }
        Assert.False(File.Exists(converted), "the temporary GeoPackage is deleted with the last layer");
    }

    [Fact]
    public void Missing_folder_is_an_error()
    {
        using var scratch = new ScratchFolder();
        var error = Assert.Throws<SourceFileException>(() => FileGdbSource.Open(scratch.File("nope.gdb")));
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Folder_that_is_not_a_geodatabase_reports_ogr2ogr_message()
    {
        using var scratch = new ScratchFolder();
        var fake = scratch.File("fake.gdb");
        Directory.CreateDirectory(fake);
        File.WriteAllText(Path.Combine(fake, "a0000001.gdbtable"), "not a table");
        var error = Assert.Throws<SourceFileException>(() => FileGdbSource.Open(fake));
        Assert.Equal(fake, error.Path);
        Assert.Contains("ogr2ogr could not convert", error.Message);
        Assert.Matches("(?i)(unable to open|not recognized|failed|error)", error.Problem);
    }

    /// <summary>Dates, booleans and integers travel through FileGDB and GeoPackage types; compare their text.</summary>
    private static string? Normalise(object? value) => value switch
    {
        null => null,
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        double r => r.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        RawValue raw => "raw:" + raw.Text,
        _ => value.ToString(),
    };

    private static void RunOgr2Ogr(params string[] arguments)
    {
        var start = new ProcessStartInfo("ogr2ogr") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ogr2ogr failed: {errors}");
    }
}
