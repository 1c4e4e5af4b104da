using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Valid;

namespace Gengbao.Screening.Internal;

/// <summary>
/// One reference layer of a batch, indexed for the patches: an STR-tree of envelopes over the features, with each
/// feature's area and validity computed at most once, lazily and thread-safely (a feature that only ever meets
/// patches through envelope tests is never measured or validated).
/// </summary>
internal sealed class ReferenceSet
{
    private const int Valid = 1, Invalid = 2; // 0: not checked yet

    private readonly STRtree<int> _tree = new();
    private readonly double[] _areas;
    private readonly int[] _validity;

    public ReferenceSet(ScreeningLayer layer, IReadOnlyList<long> ids, IReadOnlyList<Geometry> geometries)
    {
        Layer = layer;
        Ids = ids;
        Geometries = geometries;
        _areas = new double[geometries.Count];
        Array.Fill(_areas, double.NaN);
        _validity = new int[geometries.Count];
        for (var i = 0; i < geometries.Count; i++)
        {
            var geometry = geometries[i] ?? throw new ScreeningInputException(layer, ids[i], "no geometry");
            if (!geometry.IsEmpty)
            {
                _tree.Insert(geometry.EnvelopeInternal, i);
            }
        }
        _tree.Build();
    }

    public ScreeningLayer Layer { get; }

    public IReadOnlyList<long> Ids { get; }

    public IReadOnlyList<Geometry> Geometries { get; }

    public int Count => Geometries.Count;

    /// <summary>Indexes of features whose envelope intersects <paramref name="envelope"/>, ascending (deterministic order).</summary>
    public List<int> Candidates(Envelope envelope)
    {
        var result = _tree.Query(envelope);
        var found = result as List<int> ?? [.. result];
        found.Sort();
        return found;
    }

    /// <summary>The feature's area, measured once.</summary>
    public double AreaOf(int index, AreaMeter meter)
    {
        var area = Volatile.Read(ref _areas[index]);
        if (double.IsNaN(area))
        {
            area = meter.Of(Geometries[index]);
            Volatile.Write(ref _areas[index], area);
        }
        return area;
    }

    /// <summary>Throws <see cref="ScreeningInputException"/> when the feature's geometry is not a valid polygonal geometry.</summary>
    public void EnsureValid(int index)
    {
        if (Volatile.Read(ref _validity[index]) == Valid)
        {
            return;
        }
        // Two threads may check the same feature at once; both reach the same verdict.
        var problem = Problem(Geometries[index]);
        Volatile.Write(ref _validity[index], problem is null ? Valid : Invalid);
        if (problem is not null)
        {
            throw new ScreeningInputException(Layer, Ids[index], problem);
        }
    }

    /// <summary>Why a geometry cannot take part in an overlay, or null when it can.</summary>
    public static string? Problem(Geometry geometry)
    {
        if (geometry is not (Polygon or MultiPolygon))
        {
            return $"geometry is a {geometry.GeometryType}, not a Polygon or MultiPolygon";
        }
        if (geometry.IsEmpty)
        {
            return "empty geometry";
        }
        if (SimpleRingCheck.IsValidSingleRing(geometry))
        {
            return null;
        }
        var error = new IsValidOp(geometry).ValidationError;
        return error is null
            ? null
            : $"invalid geometry: {error.Message} at ({Format(error.Coordinate.X)} {Format(error.Coordinate.Y)})";
    }

    private static string Format(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
