using System.Globalization;
using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Geometries.Utilities;

namespace Gengbao.Screening.Tests;

/// <summary>
/// Helpers in the spirit of NTS's GeometryTestCase: geometries come in as WKT in local metres and are placed in
/// CGCS2000 3-degree Gauss–Krüger zone 34 (EPSG:4522) near the sample county, so the engine measures real
/// ellipsoidal areas. Over a few hundred metres the scale varies by less than 10⁻⁶, so shares of areas (overlap /
/// patch area) equal their planar values to 10⁻⁵.
/// </summary>
internal static class ScreeningTestCase
{
    /// <summary>Local origin: 34 600 000 E (100 km east of the central meridian 102°E), 3 930 000 N (≈ 35.5°N).</summary>
    public const double OriginX = 34_600_000, OriginY = 3_930_000;

    public static GaussKrugerZone Zone { get; } = CgcsCrs.GetZone(4522);

    private static readonly WKTReader Reader = new();

    /// <summary>A WKT geometry in local metres moved to the zone.</summary>
    public static Geometry Read(string wkt)
    {
        var geometry = Reader.Read(wkt);
        return AffineTransformation.TranslationInstance(OriginX, OriginY).Transform(geometry);
    }

    public static ChangePatch Patch(string wkt, string? before = "0103", string? after = "0702", long id = 1, string number = "P1") =>
        new(id, number, Read(wkt), before, after);

    /// <summary>Asserts |actual − expected| ≤ tolerance with both numbers in full.</summary>
    public static void CheckEqual(double expected, double actual, double tolerance, string what)
    {
        var difference = Math.Abs(actual - expected);
        Assert.True(difference <= tolerance,
            $"{what}: expected {F(expected)}, got {F(actual)} (difference {F(difference)} > {F(tolerance)})");
    }

    public static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
