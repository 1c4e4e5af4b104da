using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Tests.Area;

/// <summary>Parcels used by several area tests.</summary>
internal static class TestParcels
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>DLTB fid 5 of sample_S.gpkg (zone 34 with prefix, TBMJ 74725.52).</summary>
    public const string SampleFid5 =
        "POLYGON ((34600400.38850567 3951932.691535473, 34600502.63217633 3952046.7119154343, 34600670.78883107 3951981.23461144, 34600669.64143235 3951965.333820489, 34600623.36577471 3951633.703426824, 34600347.41774477 3951862.0255933614, 34600400.38850567 3951932.691535473))";

    /// <summary>DLTB fid 1 of sample_S.gpkg (TBMJ 54150.94).</summary>
    public const string SampleFid1 =
        "POLYGON ((34600327.83851183 3952502.9998742323, 34600336.68197617 3952492.823535324, 34600173.20318875 3952332.079297603, 34600048.69985233 3952293.915807634, 34600034.784562014 3952605.428618092, 34600327.83851183 3952502.9998742323))";

    /// <summary>
    /// An irregular pentagon of 6.7 ha (vertices 120–230 m from its centre) centred at (offset from the central
    /// meridian, northing) in the given zone, like the parcels of domain.md §5.4's experiment. A regular polygon would
    /// not do: its edge lenses cancel exactly (docs/area.md).
    /// </summary>
    public static Polygon Pentagon(GaussKrugerZone zone, double offsetFromMeridian, double northing)
    {
        double[] radii = [150, 230, 160, 120, 200];
        double[] degrees = [100, 165, 245, 290, 10];
        var centreX = zone.FalseEasting + offsetFromMeridian;
        var ring = new Coordinate[6];
        for (var i = 0; i < 5; i++)
        {
            var angle = degrees[i] * Math.PI / 180;
            ring[i] = new Coordinate(centreX + (radii[i] * Math.Cos(angle)), northing + (radii[i] * Math.Sin(angle)));
        }
        ring[5] = ring[0];
        return Factory.CreatePolygon(ring);
    }

    /// <summary>A polygon of lon/lat coordinates.</summary>
    public static Polygon LonLat(params (double Lon, double Lat)[] points)
    {
        var ring = points.Select(p => new Coordinate(p.Lon, p.Lat)).Append(new Coordinate(points[0].Lon, points[0].Lat)).ToArray();
        return Factory.CreatePolygon(ring);
    }

    /// <summary>The polygon in CGCS2000 lon/lat with coordinates rounded to 9 decimals (Planimeter's input).</summary>
    public static Polygon GeographicRounded(Geometry zoneGeometry, GaussKrugerZone zone)
    {
        var geographic = (Polygon)GeometryReprojector.ToGeographic(zoneGeometry, zone);
        return Factory.CreatePolygon(PlanimeterTool.RoundedRing(geographic.Shell.Coordinates));
    }
}
