using System.Diagnostics;
using Gengbao.Batch;
using Gengbao.Cli.Commands;
using Gengbao.Import;
using Gengbao.TestSupport;

namespace Gengbao.Screening.Tests;

/// <summary>
/// Bad GeoPackages, made at test time from copies of the sample: the error names file, layer and feature, and no
/// output file (nor its .partial) is left behind.
/// </summary>
public sealed class BadInputTest : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gengbao-screen-bad-").FullName;

    [Fact]
    public void MissingLayerIsNamed()
    {
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "no-pzyd.gpkg"))
        {
            gpkg.Execute("DROP TABLE \"rtree_PZYD_geom\"");
            gpkg.Execute("DROP TABLE \"PZYD\"");
            gpkg.Execute("DELETE FROM gpkg_extensions WHERE table_name = 'PZYD'");
            gpkg.Execute("DELETE FROM gpkg_geometry_columns WHERE table_name = 'PZYD'");
            gpkg.Execute("DELETE FROM gpkg_contents WHERE table_name = 'PZYD'");
        }

        var e = Fails("no-pzyd.gpkg");

        Assert.Equal("PZYD", e.Layer);
        Assert.Contains("no-pzyd.gpkg: layer PZYD: no such layer; screening needs DLTB, YJJBNT, GBZNT, PZYD, BHTB and the file has BHTB, DLTB, GBZNT, XZQ, YJJBNT", e.Message);
    }

    [Fact]
    public void InvalidPatchGeometryIsNamedWithItsMonitoringNumber()
    {
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "bow-tie.gpkg"))
        {
            gpkg.SetGeometry("BHTB", 17, "MULTIPOLYGON(((34600000 3930000,34600100 3930100,34600100 3930000,34600000 3930100,34600000 3930000)))", 4522);
        }

        var e = Fails("bow-tie.gpkg");

        Assert.Equal("BHTB", e.Layer);
        Assert.Contains("bow-tie.gpkg: layer BHTB: feature 17 (JCBH 6229212024000017): invalid geometry: Self-intersection at (34600050 3930050)", e.Message);
    }

    [Fact]
    public void UnreadablePatchGeometryIsNamed()
    {
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "garbage.gpkg"))
        {
            gpkg.Execute("UPDATE BHTB SET geom = X'47500003AA110000' WHERE fid = 3");
        }

        var e = Fails("garbage.gpkg");

        Assert.Contains("garbage.gpkg: layer BHTB: feature 3: unreadable geometry", e.Message);
    }

    [Fact]
    public void ApprovalsInAnotherZoneAreRejected()
    {
        var path = Path.Combine(_work, "pzyd-4523.gpkg");
        File.Copy(SharedData.SampleGeoPackage, path);
        Gdal.Ogr2Ogr("-f", "GPKG", "-update", "-overwrite", path, SharedData.SampleGeoPackage, "PZYD", "-nln", "PZYD", "-t_srs", "EPSG:4523");

        var e = Fails("pzyd-4523.gpkg");

        Assert.Equal("PZYD", e.Layer);
        Assert.Contains("pzyd-4523.gpkg: layer PZYD: coordinate reference system CGCS2000 / 3-degree Gauss-Kruger zone 35 (EPSG:4523) differs from that of BHTB, CGCS2000 / 3-degree Gauss-Kruger zone 34 (EPSG:4522)", e.Message);
    }

    [Fact]
    public void CommandExitsWithOneAndWritesNothing()
    {
        using (var gpkg = GeoPackageEditor.CopyOf(SharedData.SampleGeoPackage, _work, "bad.gpkg"))
        {
            gpkg.SetGeometry("BHTB", 2, "MULTIPOLYGON(((34600000 3930000,34600100 3930100,34600100 3930000,34600000 3930100,34600000 3930000)))", 4522);
        }
        var output = Path.Combine(_work, "out.csv");
        var root = new System.CommandLine.RootCommand { ScreenCommand.Create() };

        var exit = root.Parse(["screen", "--input", Path.Combine(_work, "bad.gpkg"), "--out", output, "--threads", "2"]).Invoke();

        Assert.Equal(1, exit);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
    }

    private SourceFileException Fails(string file)
    {
        var output = Path.Combine(_work, file + ".csv");
        var e = Assert.Throws<SourceFileException>(() =>
            FileScreening.Run(Path.Combine(_work, file), output, new ScreeningRunOptions { Threads = 2 }));
        Assert.Equal(Path.Combine(_work, file), e.Path);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
        return e;
    }


    public void Dispose() => Directory.Delete(_work, recursive: true);
}
