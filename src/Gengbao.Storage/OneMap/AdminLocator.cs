using Gengbao.Geo.Codes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Quadtree;
using Npgsql;

namespace Gengbao.Storage.OneMap;

/// <summary>
/// Finds the village (and so the county) under a point, for layers whose features carry no location code
/// (approvals, high-standard farmland). Villages come from the XZQ layer of the same import and from the admin
/// units already stored; geometry in CGCS2000 geographic so it works across Gauss-Kruger zones. A quadtree, not an
/// STR tree, because units keep arriving after the first look-up (the file's XZQ first, then stored ones).
/// </summary>
internal sealed class AdminLocator
{
    private readonly Quadtree<(string Code, IPreparedGeometry Shape)> _villages = new();
    private readonly Quadtree<(string Code, IPreparedGeometry Shape)> _counties = new();
    private int _count;

    public bool IsEmpty => _count == 0;

    public void Add(string code, int level, Geometry geographic)
    {
        if (level is not ((int)AdminLevel.Village or (int)AdminLevel.County))
        {
            return;
        }
        var tree = level == (int)AdminLevel.Village ? _villages : _counties;
        tree.Insert(geographic.EnvelopeInternal, (code, PreparedGeometryFactory.Prepare(geographic)));
        _count++;
    }

    /// <summary>Loads stored counties and villages whose box meets <paramref name="extent"/> (lon/lat), latest year per county.</summary>
    public async Task LoadStoredAsync(NpgsqlConnection connection, Envelope extent, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.code, a.level, a.geom_4490 FROM admin_unit a
            WHERE a.level IN (3, 5)
              AND a.geom_4490 && ST_MakeEnvelope($1, $2, $3, $4, 4490)
              AND a.year = (SELECT max(year) FROM admin_unit b WHERE b.county_code = a.county_code)
            """, connection);
        command.Parameters.AddWithValue(extent.MinX);
        command.Parameters.AddWithValue(extent.MinY);
        command.Parameters.AddWithValue(extent.MaxX);
        command.Parameters.AddWithValue(extent.MaxY);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Add(reader.GetString(0), reader.GetInt16(1), reader.GetFieldValue<Geometry>(2));
        }
    }

    /// <summary>
    /// How far outside every unit a point may lie and still be placed in the nearest one, in degrees (about 50 m):
    /// an approval drawn a few metres over the prefecture boundary, or whose interior point falls in a sliver between
    /// two villages, belongs to the unit next to it; anything farther is the caller's error to report.
    /// </summary>
    public const double NearTolerance = 0.0005;

    /// <summary>
    /// The 12-digit village code under the point, else the county's; else the nearest village, then county, within
    /// <see cref="NearTolerance"/> (ties to the lower code); else null.
    /// </summary>
    public string? Locate(Point geographic)
    {
        foreach (var (code, shape) in _villages.Query(geographic.EnvelopeInternal))
        {
            if (shape.Contains(geographic))
            {
                return code;
            }
        }
        foreach (var (code, shape) in _counties.Query(geographic.EnvelopeInternal))
        {
            if (shape.Contains(geographic))
            {
                return code;
            }
        }
        return Nearest(_villages, geographic) ?? Nearest(_counties, geographic);
    }

    private static string? Nearest(Quadtree<(string Code, IPreparedGeometry Shape)> tree, Point geographic)
    {
        var box = geographic.EnvelopeInternal.Copy();
        box.ExpandBy(NearTolerance);
        string? best = null;
        var bestDistance = double.PositiveInfinity;
        foreach (var (code, shape) in tree.Query(box))
        {
            var distance = shape.Geometry.Distance(geographic);
            if (distance <= NearTolerance && (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(code, best) < 0)))
            {
                (best, bestDistance) = (code, distance);
            }
        }
        return best;
    }
}
