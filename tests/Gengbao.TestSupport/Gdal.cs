using System.Diagnostics;
using System.Globalization;

namespace Gengbao.TestSupport;

/// <summary>The real GDAL tools from Debian's gdal-bin, for making test files the way bureaus' tools make them.</summary>
public static class Gdal
{
    public static void Ogr2Ogr(params string[] args)
    {
        var start = new ProcessStartInfo("ogr2ogr") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, string.Create(CultureInfo.InvariantCulture, $"ogr2ogr failed ({process.ExitCode}): {errors}"));
    }
}
