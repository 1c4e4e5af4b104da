using System.Diagnostics;
using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Tests.Area;

/// <summary>
/// Runs GeographicLib's Planimeter (Debian package geographiclib-tools) on the CGCS2000 ellipsoid as the external
/// reference for geodesic polygon areas. Coordinates are written with 9 decimals (0.1 mm): Planimeter parses longer
/// decimal strings inexactly, so callers round their own coordinates the same way (<see cref="RoundedRing"/>).
/// A missing tool fails the test rather than skipping it.
/// </summary>
internal static class PlanimeterTool
{
    private const string Executable = "/usr/bin/Planimeter";

    /// <summary>Signed areas (counter-clockwise positive) in m² of rings of lon/lat coordinates, one per ring.</summary>
    public static double[] Areas(IReadOnlyList<Coordinate[]> rings)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install the Debian package geographiclib-tools");
        var input = new StringBuilder();
        foreach (var ring in rings)
        {
            foreach (var c in ring.Take(ring.Length - 1))
            {
                input.Append(c.Y.ToString("F9", CultureInfo.InvariantCulture)).Append(' ')
                    .Append(c.X.ToString("F9", CultureInfo.InvariantCulture)).Append('\n');
            }
            input.Append('\n');
        }
        var start = new ProcessStartInfo(Executable, ["-e", "6378137", "1/298.257222101", "-p", "10"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input.ToString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "Planimeter did not finish");
        Assert.True(process.ExitCode == 0, $"Planimeter failed: {errors}");
        var areas = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture))
            .ToArray();
        Assert.Equal(rings.Count, areas.Length);
        return areas;
    }

    /// <summary>The ring's coordinates rounded to 9 decimals, as Planimeter will read them.</summary>
    public static Coordinate[] RoundedRing(IEnumerable<Coordinate> ring) =>
        ring.Select(c => new Coordinate(Math.Round(c.X, 9), Math.Round(c.Y, 9))).ToArray();
}
