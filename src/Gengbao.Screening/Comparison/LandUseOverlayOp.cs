using Gengbao.Geo.Crs;
using Gengbao.Screening.Internal;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.RelateNG;

namespace Gengbao.Screening.Comparison;

/// <summary>
/// Overlays the land-use parcels (DLTB) of two survey years into before ∩ after pieces, the input of the land-use
/// transfer matrix (docs/comparison.md, docs/domain.md §1.6–1.7).
/// <para>
/// The after layer goes into an STR-tree; the before parcels are cut into chunks of consecutive parcels that the
/// workers take in turn. For each before parcel the after candidates are visited in input order and settled, cheapest
/// test first: an after parcel with the same coordinates (most parcels do not change between years) gives the before
/// parcel itself; the exact placement test of the screening (<see cref="PolygonPlacement"/>, then RelateNG) settles
/// disjoint pairs and one parcel inside the other (the piece is the inner parcel); only pairs whose boundaries
/// cross are overlaid, with <see cref="OverlayNGRobust"/> (what GEOS, and so PostGIS ST_Intersection, runs).
/// Each piece depends only on its two parcels and the pieces are ordered by (before index, after index) of the input lists, so the
/// result is the same, bit for bit, for any thread count.
/// </para>
/// <para>
/// Areas are geodesic (ellipsoidal) areas on CGCS2000, as PostGIS <c>ST_Area(ST_Transform(g, 4490)::geography)</c>
/// gives them (<see cref="ScreeningAreaMethod.Geodesic"/>). Both layers are expected to be coverages (no two parcels
/// of one year overlap, as TD/T 1055 requires of DLTB); where they do overlap, their common area is counted twice.
/// </para>
/// </summary>
public static class LandUseOverlayOp
{
    private const int ChunkSize = 256;

    /// <summary>
    /// Overlay pieces below this plane area (m², in the zone) are dropped as slivers and only counted. Neighbouring DLTB parcels overlap
    /// by up to a few hundredths of a square metre where their shared boundaries were not written with identical
    /// vertices (8,783 such pairs, at most 0.016 m², in one demo year of 8,000 parcels); without the tolerance even a
    /// year compared with itself would report changes. A real change piece is hundreds of square metres.
    /// </summary>
    public const double SliverArea = 0.05;

    /// <summary>
    /// Overlays <paramref name="before"/> and <paramref name="after"/> (both in <paramref name="zone"/>) on
    /// <paramref name="threads"/> workers. A parcel without a usable polygonal geometry, or an overlay that fails on
    /// an invalid one, throws <see cref="ComparisonInputException"/> naming side and id.
    /// </summary>
    public static LandUseComparison Run(IReadOnlyList<ComparisonParcel> before, IReadOnlyList<ComparisonParcel> after, GaussKrugerZone zone,
        int threads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var meter = new AreaMeter(zone, ScreeningAreaMethod.Geodesic);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };

        Check(before, ComparisonSide.Before);
        Check(after, ComparisonSide.After);
        var beforeAreas = Areas(before, meter, parallel);
        var afterAreas = Areas(after, meter, parallel);

        var tree = new STRtree<int>();
        for (var i = 0; i < after.Count; i++)
        {
            tree.Insert(after[i].Geometry.EnvelopeInternal, i);
        }
        tree.Build();

        var chunks = new List<ComparisonPiece>[(before.Count + ChunkSize - 1) / ChunkSize];
        var slivers = new Slivers[chunks.Length];
        Parallel.For(0, chunks.Length, parallel, k =>
        {
            var pieces = new List<ComparisonPiece>();
            var sliver = new Slivers();
            var candidates = new List<int>();
            for (var i = k * ChunkSize; i < Math.Min(before.Count, (k + 1) * ChunkSize); i++)
            {
                candidates.Clear();
                var envelope = before[i].Geometry.EnvelopeInternal;
                tree.Query(envelope, new ItemVisitor(candidates));
                candidates.Sort();
                new ParcelOverlay(before[i], beforeAreas[i], after, afterAreas, meter, sliver).Run(candidates, pieces);
            }
            chunks[k] = pieces;
            slivers[k] = sliver;
        });

        var all = new List<ComparisonPiece>(chunks.Sum(c => c.Count));
        foreach (var chunk in chunks)
        {
            all.AddRange(chunk);
        }
        var total = new Slivers();
        foreach (var sliver in slivers)
        {
            total.Count += sliver.Count;
            total.Area += sliver.Area;
        }
        return new LandUseComparison(all, Sum(beforeAreas), Sum(afterAreas), total.Count, total.Area);
    }

    private static void Check(IReadOnlyList<ComparisonParcel> parcels, ComparisonSide side)
    {
        foreach (var parcel in parcels)
        {
            if (parcel.Geometry is null or { IsEmpty: true })
            {
                throw new ComparisonInputException(side, parcel.Id, "no geometry");
            }
            if (parcel.Geometry is not (Polygon or MultiPolygon))
            {
                throw new ComparisonInputException(side, parcel.Id, $"a {parcel.Geometry.GeometryType} is not a polygon");
            }
        }
    }

    private static double[] Areas(IReadOnlyList<ComparisonParcel> parcels, AreaMeter meter, ParallelOptions parallel)
    {
        var areas = new double[parcels.Count];
        Parallel.For(0, parcels.Count, parallel, i => areas[i] = meter.Of(parcels[i].Geometry));
        return areas;
    }

    /// <summary>Sum in index order, so the total does not depend on thread count.</summary>
    private static double Sum(double[] values)
    {
        var total = 0.0;
        foreach (var value in values)
        {
            total += value;
        }
        return total;
    }

    private sealed class Slivers
    {
        public int Count { get; set; }

        public double Area { get; set; }
    }

    private sealed class ItemVisitor(List<int> items) : NetTopologySuite.Index.IItemVisitor<int>
    {
        public void VisitItem(int item) => items.Add(item);
    }

    /// <summary>The pieces of one before parcel.</summary>
    private sealed class ParcelOverlay(ComparisonParcel parcel, double area, IReadOnlyList<ComparisonParcel> after, double[] afterAreas, AreaMeter meter, Slivers slivers)
    {
        private readonly Geometry _geometry = parcel.Geometry;
        private readonly Envelope _envelope = parcel.Geometry.EnvelopeInternal;
        private RelateNG? _relate;

        public void Run(List<int> candidates, List<ComparisonPiece> pieces)
        {
            // First the common case: the same outline, or the before parcel inside one after parcel (a parcel merged
            // into a larger one). Only envelopes that cover the parcel's can hold it, and in a coverage no other after
            // parcel then overlaps it, so the neighbours touching it are never overlaid.
            foreach (var j in candidates)
            {
                var other = after[j];
                var envelope = other.Geometry.EnvelopeInternal;
                if (envelope.Equals(_envelope) && other.Geometry.EqualsExact(_geometry))
                {
                    Add(pieces, other, _geometry, area);
                    return;
                }
                if (envelope.Covers(_envelope) && Place(other.Geometry, envelope) == Placement.Inside)
                {
                    Add(pieces, other, _geometry, area);
                    return;
                }
            }
            foreach (var j in candidates)
            {
                var other = after[j];
                var envelope = other.Geometry.EnvelopeInternal;
                if (!envelope.Intersects(_envelope))
                {
                    continue;
                }
                switch (Place(other.Geometry, envelope))
                {
                    case Placement.Disjoint:
                        continue;
                    case Placement.Contains:
                        Add(pieces, other, other.Geometry, afterAreas[j]);
                        continue;
                }
                var piece = Intersect(other);
                // The sliver test uses the plane area: the geodesic area of a hair-thin piece kilometres long is
                // dominated by rounding (0.09 m² for a sliver of 0.004 m² in the demo data).
                var planeArea = piece.Area;
                if (planeArea < SliverArea)
                {
                    slivers.Count += planeArea > 0 ? 1 : 0;
                    slivers.Area += planeArea;
                    continue;
                }
                Add(pieces, other, piece, meter.Of(piece));
            }
        }

        private void Add(List<ComparisonPiece> pieces, ComparisonParcel other, Geometry piece, double pieceArea)
        {
            if (pieceArea <= 0)
            {
                return;
            }
            var kept = ComparisonPiece.CultivatedChangeOf(parcel.LandClassCode, other.LandClassCode) is null ? null : Polygonal(piece);
            pieces.Add(new ComparisonPiece(parcel.Id, other.Id, parcel.LocationCode, parcel.LandClassCode, other.LandClassCode, pieceArea, kept));
        }

        /// <summary>The cheap exact placement, or RelateNG on the prepared before parcel when that cannot tell.</summary>
        private Placement Place(Geometry other, Envelope envelope)
        {
            var placement = PolygonPlacement.Of(_geometry, other);
            if (placement is Placement.Disjoint or Placement.Inside or Placement.Contains)
            {
                return placement;
            }
            // Boundaries meet: a parcel split or merged between years still lies wholly on one side, which a covers
            // test settles for a fraction of an overlay's cost.
            _relate ??= RelateNG.Prepare(_geometry);
            return envelope.Covers(_envelope) && _relate.Evaluate(other, RelatePredicate.CoveredBy()) ? Placement.Inside
                : _envelope.Covers(envelope) && _relate.Evaluate(other, RelatePredicate.Covers()) ? Placement.Contains
                : Placement.BoundariesMeet;
        }

        private Geometry Intersect(ComparisonParcel other)
        {
            try
            {
                return OverlayNGRobust.Overlay(_geometry, other.Geometry, SpatialFunction.Intersection);
            }
            catch (TopologyException e)
            {
                var side = _geometry.IsValid ? ComparisonSide.After : ComparisonSide.Before;
                var id = side == ComparisonSide.Before ? parcel.Id : other.Id;
                throw new ComparisonInputException(side, id, $"overlay failed (invalid geometry?): {e.Message}", e);
            }
        }

        /// <summary>The polygonal part of an overlay result (touching boundaries may add lines or points).</summary>
        private static Geometry Polygonal(Geometry piece)
        {
            if (piece is Polygon or MultiPolygon)
            {
                return piece;
            }
            var polygons = new List<Polygon>();
            for (var i = 0; i < piece.NumGeometries; i++)
            {
                if (piece.GetGeometryN(i) is Polygon { IsEmpty: false } p)
                {
                    polygons.Add(p);
                }
                else if (piece.GetGeometryN(i) is MultiPolygon m)
                {
                    polygons.AddRange(Enumerable.Range(0, m.NumGeometries).Select(n => (Polygon)m.GetGeometryN(n)));
                }
            }
            return piece.Factory.CreateMultiPolygon([.. polygons]);
        }
    }
}
