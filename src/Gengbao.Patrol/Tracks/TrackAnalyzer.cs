using Gengbao.Geo.Area;
using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Union;
using NetTopologySuite.Simplify;

namespace Gengbao.Patrol.Tracks;

/// <summary>
/// Replay, plausibility and coverage of a track. Everything is measured in the CGCS2000 3-degree Gauss–Krüger zone of
/// the cell (or of the first fix without a cell), where distances are metres to within the zone's scale error
/// (&lt; 0.03 % inside a 3-degree zone); areas are official ellipsoidal areas (<see cref="EllipsoidalArea"/>).
/// Input geometries are CGCS2000 longitude/latitude; they are never modified.
/// </summary>
public static class TrackAnalyzer
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>
    /// The fixes in time order (ties keep upload order) with distance, time and speed since the previous fix and the
    /// flags. A fix is a jump when the speed from the previous fix exceeds <see cref="TrackOptions.MaxSpeedMps"/>, or
    /// when it moved more than that many metres in no time at all. <paramref name="cell"/> may be null (no outside flag).
    /// </summary>
    public static IReadOnlyList<TrackFix> Replay(IReadOnlyList<TrackPoint> points, Geometry? cell, TrackOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new TrackOptions();
        if (points.Count == 0)
        {
            return [];
        }
        var ordered = points.OrderBy(p => p.Time).ToList();
        var zone = ZoneFor(cell, ordered[0]);
        var projection = TransverseMercator.For(zone);
        IPreparedGeometry? inside = cell is null ? null
            : PreparedGeometryFactory.Prepare(GeometryReprojector.ToZone(cell, zone).Buffer(options.OutsideToleranceM));
        var fixes = new List<TrackFix>(ordered.Count);
        (double X, double Y) previous = default;
        for (var i = 0; i < ordered.Count; i++)
        {
            var p = ordered[i];
            var xy = projection.Forward(p.Lon, p.Lat);
            double distance = 0, seconds = 0;
            double? speed = null;
            var jump = false;
            if (i > 0)
            {
                distance = Math.Sqrt(Square(xy.Item1 - previous.X) + Square(xy.Item2 - previous.Y));
                seconds = (p.Time - ordered[i - 1].Time).TotalSeconds;
                if (seconds > 0)
                {
                    speed = distance / seconds;
                    jump = speed > options.MaxSpeedMps;
                }
                else
                {
                    jump = distance > options.MaxSpeedMps;
                }
            }
            var outside = inside is not null && !inside.Contains(Factory.CreatePoint(new Coordinate(xy.Item1, xy.Item2)));
            fixes.Add(new TrackFix(p, distance, seconds, speed, jump, p.Accuracy > options.PoorAccuracyM, outside));
            previous = (xy.Item1, xy.Item2);
        }
        return fixes;
    }

    /// <summary>
    /// Plausibility and coverage of a track over a cell. <paramref name="cultivated"/> are the cultivated parcels
    /// (DLBM 0101/0102/0103) touching the cell; they are clipped to the cell. Coverage is the official area of the
    /// cultivated land in the cell within <see cref="TrackOptions.CoverageDistanceM"/> of the track, divided by the
    /// official area of all cultivated land in the cell. Jump segments and poor-accuracy fixes do not count towards
    /// length or coverage. An empty track has coverage 0 and is too short.
    /// </summary>
    public static TrackReport Analyze(IReadOnlyList<TrackPoint> points, Geometry cell, IEnumerable<Geometry> cultivated, TrackOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(cultivated);
        options ??= new TrackOptions();
        var fixes = Replay(points, cell, options);
        var zone = ZoneFor(cell, fixes.Count > 0 ? fixes[0].Point : null);
        var cellZone = GeometryReprojector.ToZone(cell, zone);
        var cellArea = EllipsoidalArea.OfGaussKruger(Polygonal(cellZone), zone);

        var parcels = cultivated.Select(g => GeometryReprojector.ToZone(g, zone)).ToList();
        var land = parcels.Count == 0 ? Factory.CreateMultiPolygon() : Polygonal(UnaryUnionOp.Union(parcels).Intersection(cellZone));
        var landArea = EllipsoidalArea.OfGaussKruger(land, zone);

        var runs = GoodRuns(fixes, zone);
        var length = runs.Sum(r => r.Length);
        double covered = 0;
        if (runs.Count > 0 && landArea > 0)
        {
            // A 1 m simplification before buffering keeps buffers of long tracks fast; it moves the 50 m edge by ≤ 1 m.
            var track = DouglasPeuckerSimplifier.Simplify(Factory.BuildGeometry(runs), 1.0);
            covered = EllipsoidalArea.OfGaussKruger(Polygonal(track.Buffer(options.CoverageDistanceM).Intersection(land)), zone);
        }
        var outside = fixes.Count(f => f.OutsideCell);
        var minimum = options.MinLengthPerCellSide * Math.Sqrt(cellArea);
        var duration = fixes.Count > 1 ? fixes[^1].Point.Time - fixes[0].Point.Time : TimeSpan.Zero;
        return new TrackReport(
            fixes.Count, length, duration,
            fixes.Count(f => f.IsJump), fixes.Count(f => f.PoorAccuracy), outside,
            fixes.Count == 0 ? 0 : (double)outside / fixes.Count,
            cellArea, minimum, length < minimum,
            landArea, covered, landArea > 0 ? Math.Min(1.0, covered / landArea) : 0);
    }

    /// <summary>
    /// The track for display: a longitude/latitude LineString simplified with Douglas–Peucker at
    /// <see cref="TrackOptions.SimplifyToleranceM"/> metres in the zone. Fewer than two fixes give an empty line.
    /// </summary>
    public static LineString Simplify(IReadOnlyList<TrackPoint> points, TrackOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new TrackOptions();
        var geographic = new GeometryFactory(new PrecisionModel(), CgcsCrs.Geographic);
        if (points.Count < 2)
        {
            return geographic.CreateLineString();
        }
        var ordered = points.OrderBy(p => p.Time).ToList();
        var zone = ZoneFor(null, ordered[0]);
        var line = geographic.CreateLineString(ordered.Select(p => new Coordinate(p.Lon, p.Lat)).ToArray());
        var simplified = DouglasPeuckerSimplifier.Simplify(GeometryReprojector.ToZone(line, zone), options.SimplifyToleranceM);
        return (LineString)GeometryReprojector.ToGeographic(simplified, zone);
    }

    /// <summary>The 3-degree zone (with prefix) of the cell's centre, or of a fix when there is no cell.</summary>
    public static GaussKrugerZone ZoneFor(Geometry? cell, TrackPoint? first)
    {
        var lon = cell is { IsEmpty: false } ? cell.EnvelopeInternal.Centre.X : first?.Lon ?? throw new ArgumentException("no cell and no points to choose a zone from");
        return CgcsCrs.ThreeDegreeZoneFor(lon, withPrefix: true);
    }

    /// <summary>Runs of consecutive usable fixes (not poor accuracy, not reached by a jump), as zone geometries.</summary>
    private static List<Geometry> GoodRuns(IReadOnlyList<TrackFix> fixes, GaussKrugerZone zone)
    {
        var projection = TransverseMercator.For(zone);
        var runs = new List<Geometry>();
        var current = new List<Coordinate>();
        void Flush()
        {
            if (current.Count == 1)
            {
                runs.Add(Factory.CreatePoint(current[0]));
            }
            else if (current.Count > 1)
            {
                runs.Add(Factory.CreateLineString(current.ToArray()));
            }
            current = [];
        }
        foreach (var f in fixes)
        {
            if (f.PoorAccuracy)
            {
                Flush();
                continue;
            }
            if (f.IsJump)
            {
                Flush();
            }
            var (x, y) = projection.Forward(f.Point.Lon, f.Point.Lat);
            current.Add(new Coordinate(x, y));
        }
        Flush();
        return runs;
    }

    /// <summary>The polygons of a geometry as a MultiPolygon (overlay results may carry stray lines or points).</summary>
    internal static MultiPolygon Polygonal(Geometry g)
    {
        var polygons = new List<Polygon>();
        for (var i = 0; i < g.NumGeometries; i++)
        {
            switch (g.GetGeometryN(i))
            {
                case Polygon p when !p.IsEmpty:
                    polygons.Add(p);
                    break;
                case MultiPolygon mp:
                    polygons.AddRange(mp.Geometries.Cast<Polygon>());
                    break;
                case GeometryCollection gc when gc is not MultiPolygon:
                    polygons.AddRange(Polygonal(gc).Geometries.Cast<Polygon>());
                    break;
            }
        }
        return g.Factory.CreateMultiPolygon(polygons.ToArray());
    }

    private static double Square(double v) => v * v;
}
