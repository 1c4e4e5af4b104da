using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gengbao.Geo.Tests;

/// <summary>Small helpers in the spirit of NTS's GeometryTestCase: geometries come in as WKT.</summary>
internal static class GeoTestCase
{
    private static readonly WKTReader Reader = new();

    public static Geometry Read(string wkt) => Reader.Read(wkt);

    /// <summary>Asserts |actual − expected| ≤ tolerance with a message that shows both numbers in full.</summary>
    public static void CheckEqual(double expected, double actual, double tolerance, string? what = null)
    {
        var difference = Math.Abs(actual - expected);
        Assert.True(difference <= tolerance,
            $"{what ?? "value"}: expected {F(expected)}, got {F(actual)} (difference {F(difference)} > {F(tolerance)})");
    }

    /// <summary>Asserts the relative difference |actual/expected − 1| is at most <paramref name="ppm"/> parts per million.</summary>
    public static void CheckPpm(double expected, double actual, double ppm, string? what = null)
    {
        var relative = Math.Abs(actual - expected) / Math.Abs(expected) * 1e6;
        Assert.True(relative <= ppm, $"{what ?? "value"}: expected {F(expected)}, got {F(actual)} ({relative:F4} ppm > {ppm} ppm)");
    }

    public static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
