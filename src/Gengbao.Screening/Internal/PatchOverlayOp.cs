using Gengbao.Geo.Area;
using Gengbao.Geo.Overlay;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.RelateNG;

namespace Gengbao.Screening.Internal;

/// <summary>
/// Screens one change patch against the indexed reference layers, following shared/data/anchor_postgis_screen.sql:
/// overlaps are areas of intersection polygons, summed over the (non-overlapping) cultivated, permanent-basic-farmland
/// and high-standard-farmland pieces; the approvals touching the patch are unioned first, because approvals overlap.
/// Everything is computed from the patch and its candidates alone, so results do not depend on thread count or
/// batch composition. Overlays use <see cref="OverlayNGRobust"/> (what GEOS, and so PostGIS, runs for
/// ST_Intersection/ST_Union), and only where boundaries meet: exact placement tests (<see cref="PolygonPlacement"/>)
/// settle disjoint candidates, candidates inside the patch (their own area) and a patch inside a candidate (the
/// patch's area) without one. With geodesic areas, the farmland pairs whose boundaries meet are measured rather
/// than overlaid (<see cref="PolygonIntersectionArea"/> and <see cref="AreaMeter.DensityNear"/>; docs/screening.md,
/// "Measuring an overlap without building it"); approvals are always overlaid.
/// </summary>
internal sealed class PatchOverlayOp
{
    private readonly ChangePatch _patch;
    private readonly Geometry _geometry;
    private readonly Envelope _envelope;
    private RelateNG? _relate;
    private readonly double _patchArea;
    private readonly BatchIndex _index;
    private readonly AreaMeter _meter;
    /// <summary>How close to the 0.005 m² rounding edge a measured gd_mj must be to be recomputed with overlays.</summary>
    internal const double RecheckMargin = 0.0045;
    private PolygonIntersectionArea? _measure;
    private (double D0, double Dx, double Dy) _density;
    private bool _areasOnly, _usedAreasOnly, _lastWasPatch;

    private PatchOverlayOp(ChangePatch patch, BatchIndex index, AreaMeter meter)
    {
        _patch = patch;
        _geometry = patch.Geometry;
        _envelope = _geometry.EnvelopeInternal;
        _index = index;
        _meter = meter;
        _patchArea = meter.Of(_geometry);
    }

    public static PatchScreening Screen(ChangePatch patch, BatchIndex index, AreaMeter meter, ScreeningRules rules, bool overlaysOnly = false)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Geometry is null)
        {
            throw new ScreeningInputException(ScreeningLayer.ChangePatches, patch.Id, "no geometry");
        }
        if (ReferenceSet.Problem(patch.Geometry) is { } problem)
        {
            throw new ScreeningInputException(ScreeningLayer.ChangePatches, patch.Id, problem);
        }
        return new PatchOverlayOp(patch, index, meter).Run(rules, exact: overlaysOnly);
    }

    private PatchScreening Run(ScreeningRules rules, bool exact)
    {
        var patchArea = _patchArea;
        _areasOnly = false;
        _usedAreasOnly = false;
        var approvals = ApprovalsOverPatch(patchArea, out var approved, out var approvedUnion, out var oneHoldsPatch, out var byType);
        // Overlaps with the farmland layers are measured without building them (PolygonIntersectionArea) unless the
        // reference path is asked for, or areas are official (the density model is geodesic).
        _areasOnly = !exact && _meter.Method == ScreeningAreaMethod.Geodesic;

        var cultivatedPieces = new List<(Geometry Piece, double Area)>();
        var cultivatedParts = new List<Part>();
        var byCultivated = new Dictionary<int, (Geometry? Piece, double Area)>();
        var classAreas = new Dictionary<string, double>(StringComparer.Ordinal);
        var cultivated = 0.0;
        foreach (var i in _index.Cultivated.Candidates(_envelope))
        {
            var count = cultivatedPieces.Count;
            var area = Overlap(_index.Cultivated, i, _areasOnly ? null : cultivatedPieces);
            if (!double.IsNaN(area))
            {
                byCultivated[i] = (cultivatedPieces.Count > count ? cultivatedPieces[^1].Piece : null, area);
                cultivatedParts.Add(new Part(i, -1, area, _lastWasPatch));
                cultivated += area;
                var code = _index.CultivatedClasses[i];
                classAreas[code] = classAreas.GetValueOrDefault(code) + area;
            }
        }
        var cultivatedMeasured = _usedAreasOnly;
        var pbfPieces = new List<(Geometry Piece, double Area)>();
        var pbfParts = new List<Part>();
        var pbf = 0.0;
        foreach (var j in _index.PermanentBasicFarmland.Candidates(_envelope))
        {
            // A farmland parcel identical to a cultivated DLTB parcel has the overlap already computed.
            var twin = _index.PermanentBasicFarmlandTwins[j];
            if (twin < 0)
            {
                var area = Overlap(_index.PermanentBasicFarmland, j, _areasOnly ? null : pbfPieces);
                if (!double.IsNaN(area))
                {
                    pbfParts.Add(new Part(j, -1, area, _lastWasPatch));
                    pbf += area;
                }
            }
            else if (byCultivated.TryGetValue(twin, out var piece))
            {
                if (piece.Piece is not null)
                {
                    pbfPieces.Add((piece.Piece, piece.Area));
                }
                pbfParts.Add(new Part(j, twin, piece.Area, false));
                pbf += piece.Area;
            }
        }
        var highStandard = SumOverlaps(_index.HighStandardFarmland);

        // A measured area is within ~5·10⁻⁴ m² of the overlay's (docs/screening.md); a gd_mj within ten times that
        // of the 0.005 m² rounding edge that decides the class (and the tags) is recomputed with overlays.
        if (cultivatedMeasured && Math.Abs(cultivated - 0.005) < RecheckMargin)
        {
            return Run(rules, exact: true);
        }

        var unapprovedCultivated = cultivated;
        var unapprovedPbf = pbf;
        if (oneHoldsPatch)
        {
            unapprovedCultivated = unapprovedPbf = 0;
        }
        else if (approvedUnion is not null && _areasOnly)
        {
            var covered = new MeasuredCover(this, approvedUnion, approved);
            unapprovedCultivated = Math.Max(0, cultivated - covered.Of(_index.Cultivated, cultivatedParts));
            unapprovedPbf = Math.Max(0, pbf - covered.Of(_index.PermanentBasicFarmland, pbfParts));
        }
        else if (approvedUnion is not null)
        {
            var covered = new CoveredAreas(this, approvedUnion, approved);
            unapprovedCultivated = Math.Max(0, cultivated - covered.Of(cultivatedPieces));
            unapprovedPbf = Math.Max(0, pbf - covered.Of(pbfPieces));
        }
        _areasOnly = false;

        var green = EllipsoidalArea.Round(cultivated) == 0
            || patchArea - approved <= rules.ToleratedUncoveredArea(patchArea);
        var dominantClass = classAreas.Count == 0 ? null : classAreas.MaxBy(p => p.Value).Key;
        var tags = ChangeTagger.Tags(_patch.BeforeClass, _patch.AfterClass, EllipsoidalArea.Round(cultivated) > 0 ? dominantClass : null);

        var result = new PatchScreening(
            _patch.Id, _patch.MonitoringNumber, patchArea, cultivated, pbf, highStandard, approved,
            unapprovedCultivated, unapprovedPbf, green ? ScreeningClass.Green : ScreeningClass.Yellow, tags,
            approvals, byType, "");
        return result with { Reason = ReasonWriter.Write(result, _patch) };
    }

    private double SumOverlaps(ReferenceSet set)
    {
        var total = 0.0;
        foreach (var i in set.Candidates(_envelope))
        {
            var area = Overlap(set, i, null);
            total += double.IsNaN(area) ? 0 : area;
        }
        return total;
    }

    /// <summary>
    /// Area of the patch ∩ feature i, or NaN when they are disjoint; the piece is added to <paramref name="pieces"/>
    /// when not empty. Exact placement tests spare the overlay when the two are disjoint or one lies inside the
    /// other: the piece is then the smaller geometry itself, as ST_Intersection returns it. Only pairs whose
    /// boundaries meet are overlaid, and in areas-only mode (no <paramref name="pieces"/>) even they are measured
    /// instead (<see cref="Measure"/>); an overlay remains only where the nudged boundaries still touch.
    /// </summary>
    private double Overlap(ReferenceSet set, int i, List<(Geometry Piece, double Area)>? pieces)
    {
        var geometry = set.Geometries[i];
        var envelope = geometry.EnvelopeInternal;
        _lastWasPatch = false;
        if (!envelope.Intersects(_envelope))
        {
            return double.NaN;
        }
        switch (Place(geometry, envelope))
        {
            case Placement.Disjoint:
                return double.NaN;
            case Placement.Inside:
                pieces?.Add((_geometry, _patchArea));
                _lastWasPatch = true;
                return _patchArea;
            case Placement.Contains:
                var whole = set.AreaOf(i, _meter);
                pieces?.Add((geometry, whole));
                return whole;
        }
        // Only an overlay needs a valid input to be robust; the placement tests tolerate what they are given.
        set.EnsureValid(i);
        if (_areasOnly && pieces is null && Measure(Measurer(), geometry) is { } measured)
        {
            return measured;
        }
        var piece = Intersect(_geometry, geometry, set, i);
        var area = _meter.Of(piece);
        pieces?.Add((piece, area));
        return area;
    }

    /// <summary>The patch prepared for measuring, with the area density around it (made on first use).</summary>
    private PolygonIntersectionArea Measurer()
    {
        if (_measure is null)
        {
            var origin = _envelope.Centre;
            _measure = new PolygonIntersectionArea(_geometry, origin.X, origin.Y);
            _density = _meter.DensityNear(origin.X, origin.Y, _patchArea, _measure.Self);
        }
        return _measure;
    }

    /// <summary>
    /// Geodesic area of (prepared) ∩ geometry from the planar area and moments of the intersection and the local area
    /// density (<see cref="AreaMeter.DensityNear"/>), or null when even the nudged boundaries touch (then only an
    /// overlay decides).
    /// </summary>
    private double? Measure(PolygonIntersectionArea prepared, Geometry geometry)
    {
        if (!prepared.TryIntersectNudged(geometry, out var moments))
        {
            return null;
        }
        _usedAreasOnly = true;
        return Math.Max(0, moments.Integrate(_density.D0, _density.Dx, _density.Dy));
    }

    /// <summary>A cultivated or farmland overlap: feature index, the cultivated twin it shares its piece with (or −1), area, and whether the piece is the whole patch.</summary>
    private readonly record struct Part(int Index, int Twin, double Area, bool IsPatch);

    /// <summary>
    /// Σ area(piece ∩ union of the approvals) without the pieces: area(feature ∩ C), with C = patch ∩ union built
    /// once, measured like the overlaps (each feature once; a twin reuses its cultivated parcel's value).
    /// </summary>
    private sealed class MeasuredCover(PatchOverlayOp op, Geometry union, double approved)
    {
        private readonly Dictionary<int, double> _cultivated = [];
        private Geometry? _cover;
        private PolygonIntersectionArea? _prepared;

        public double Of(ReferenceSet set, List<Part> parts)
        {
            var total = 0.0;
            foreach (var part in parts)
            {
                total += part.Twin >= 0 ? _cultivated.GetValueOrDefault(part.Twin) : Covered(set, part);
            }
            return total;
        }

        private double Covered(ReferenceSet set, Part part)
        {
            var covered = part.Area <= 0 ? 0
                : part.IsPatch ? approved
                : Measured(set, part.Index);
            if (set == op._index.Cultivated)
            {
                _cultivated[part.Index] = covered;
            }
            return covered;
        }

        private double Measured(ReferenceSet set, int i)
        {
            _cover ??= op.Intersect(op._geometry, union, op._index.Approvals, -1);
            if (_cover.IsEmpty)
            {
                return 0;
            }
            op.Measurer();
            var origin = op._envelope.Centre;
            _prepared ??= new PolygonIntersectionArea(_cover, origin.X, origin.Y);
            return op.Measure(_prepared, set.Geometries[i]) ?? op._meter.Of(op.Intersect(set.Geometries[i], _cover, set, i));
        }
    }

    /// <summary>The cheap exact placement, or RelateNG on the prepared patch when that cannot tell.</summary>
    private Placement Place(Geometry geometry, Envelope envelope)
    {
        var placement = PolygonPlacement.Of(_geometry, geometry);
        if (placement != Placement.Unknown)
        {
            return placement;
        }
        _relate ??= RelateNG.Prepare(_geometry);
        return envelope.Covers(_envelope) && _relate.Evaluate(geometry, RelatePredicate.CoveredBy()) ? Placement.Inside
            : _envelope.Covers(envelope) && _relate.Evaluate(geometry, RelatePredicate.Covers()) ? Placement.Contains
            : _relate.Evaluate(geometry, RelatePredicate.Intersects()) ? Placement.BoundariesMeet
            : Placement.Disjoint;
    }

    /// <summary>
    /// The approvals overlapping the patch with their single coverage, the coverage by their union
    /// (<paramref name="approved"/>), a geometry that equals the union inside the patch (null when no approval
    /// overlaps; the union itself, or one approval that holds the whole patch) and the coverage by each type's union.
    /// When one approval holds the whole patch, so do the union and that approval's type union: no union is computed.
    /// </summary>
    private List<ApprovalCoverage> ApprovalsOverPatch(double patchArea, out double approved, out Geometry? union,
        out bool oneHoldsPatch, out List<KeyValuePair<string, double>> byType)
    {
        var set = _index.Approvals;
        var touching = new List<int>();
        var areas = new List<double>();
        var holder = -1;
        var pieces = new List<(Geometry Piece, double Area)>(1);
        foreach (var i in set.Candidates(_envelope))
        {
            pieces.Clear();
            var area = Overlap(set, i, pieces);
            if (area > 0) // false for NaN (disjoint) too
            {
                if (holder < 0 && ReferenceEquals(pieces[0].Piece, _geometry))
                {
                    holder = touching.Count;
                }
                touching.Add(i);
                areas.Add(area);
            }
        }
        approved = 0;
        union = null;
        oneHoldsPatch = holder >= 0;
        byType = [];
        if (touching.Count == 0)
        {
            return [];
        }
        if (touching.Count == 1 || holder >= 0)
        {
            var k = Math.Max(holder, 0);
            union = set.Geometries[touching[k]];
            approved = areas[k];
        }
        else
        {
            union = Union(touching);
            approved = _meter.Of(Intersect(_geometry, union, set, touching[0]));
        }

        var records = _index.ApprovalRecords;
        var coverage = new List<ApprovalCoverage>(touching.Count);
        for (var k = 0; k < touching.Count; k++)
        {
            var record = records[touching[k]];
            coverage.Add(new ApprovalCoverage(record.Number, record.Type, areas[k], patchArea > 0 ? areas[k] / patchArea : 0));
        }
        var groups = Enumerable.Range(0, touching.Count).GroupBy(k => records[touching[k]].Type, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var group in groups)
        {
            var members = group.ToList();
            var area = groups.Count == 1 ? approved
                : members.Count == 1 ? areas[members[0]]
                : members.Contains(holder) ? patchArea
                : _meter.Of(Intersect(_geometry, Union(members.Select(k => touching[k]).ToList()), set, touching[members[0]]));
            byType.Add(new KeyValuePair<string, double>(group.Key, area));
        }
        coverage.Sort((a, b) => b.Area != a.Area ? b.Area.CompareTo(a.Area) : string.CompareOrdinal(a.Number, b.Number));
        return coverage;
    }

    /// <summary>
    /// Σ area(piece ∩ union of the approvals): how much of a set of pieces the approvals cover, each distinct piece
    /// measured once (a farmland piece is often the very cultivated piece). The patch itself as a piece is covered
    /// by exactly the approved area.
    /// </summary>
    private sealed class CoveredAreas(PatchOverlayOp op, Geometry union, double approved)
    {
        private readonly RelateNG _union = RelateNG.Prepare(union);
        private readonly Dictionary<Geometry, double> _known = new(ReferenceEqualityComparer.Instance);

        public double Of(List<(Geometry Piece, double Area)> pieces)
        {
            var total = 0.0;
            foreach (var (piece, area) in pieces)
            {
                if (!_known.TryGetValue(piece, out var covered))
                {
                    covered = ReferenceEquals(piece, op._geometry) ? approved
                        : _union.Evaluate(piece, RelatePredicate.Covers()) ? area
                        : _union.Evaluate(piece, RelatePredicate.Intersects()) ? op._meter.Of(op.Intersect(piece, union, op._index.Approvals, -1))
                        : 0;
                    _known[piece] = covered;
                }
                total += covered;
            }
            return total;
        }
    }

    private Geometry Union(List<int> members)
    {
        var set = _index.Approvals;
        foreach (var i in members)
        {
            set.EnsureValid(i);
        }
        try
        {
            return OverlayNGRobust.Union(members.Select(i => set.Geometries[i]).ToList());
        }
        catch (TopologyException e)
        {
            throw new ScreeningInputException(set.Layer, set.Ids[members[0]],
                $"union of the approvals over change patch {_patch.MonitoringNumber} failed: {e.Message}");
        }
    }

    private Geometry Intersect(Geometry a, Geometry b, ReferenceSet set, int i)
    {
        try
        {
            return PolygonalPart(OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection));
        }
        catch (TopologyException e)
        {
            throw i >= 0
                ? new ScreeningInputException(set.Layer, set.Ids[i], $"overlay with change patch {_patch.MonitoringNumber} failed: {e.Message}")
                : new ScreeningInputException(ScreeningLayer.ChangePatches, _patch.Id, $"overlay with the approvals failed: {e.Message}");
        }
    }

    /// <summary>
    /// The polygons of an intersection. OverlayNG in its default (non-strict) mode also returns the lines and points
    /// where the inputs only touch; they have no area, but a later overlay refuses such a mixed-dimension input.
    /// </summary>
    private static Geometry PolygonalPart(Geometry result)
    {
        if (result is Polygon or MultiPolygon || result.IsEmpty)
        {
            return result;
        }
        var polygons = NetTopologySuite.Geometries.Utilities.PolygonExtracter.GetPolygons(result).Cast<Polygon>().ToArray();
        return result.Factory.CreateMultiPolygon(polygons);
    }
}
