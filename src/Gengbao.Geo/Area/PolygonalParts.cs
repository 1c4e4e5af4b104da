using NetTopologySuite.Geometries;

namespace Gengbao.Geo.Area;

/// <summary>Shared input rules of the area functions: which geometries count as polygonal.</summary>
internal static class PolygonalParts
{
    /// <summary>
    /// The polygons of a Polygon or MultiPolygon; nothing for any empty geometry (an empty overlay result is often an
    /// empty GeometryCollection). Throws <see cref="ArgumentException"/> for other non-empty geometries.
    /// </summary>
    public static int Count(Geometry geometry, string paramName)
    {
        ArgumentNullException.ThrowIfNull(geometry, paramName);
        return geometry switch
        {
            Polygon => geometry.IsEmpty ? 0 : 1,
            MultiPolygon multi => multi.NumGeometries,
            _ when geometry.IsEmpty => 0,
            _ => throw new ArgumentException($"area needs a Polygon or MultiPolygon, not a {geometry.GeometryType}", paramName),
        };
    }

    /// <summary>The i-th polygon of a geometry accepted by <see cref="Count"/>.</summary>
    public static Polygon Get(Geometry geometry, int i) =>
        geometry as Polygon ?? (Polygon)geometry.GetGeometryN(i);
}
