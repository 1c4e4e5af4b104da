using Gengbao.Geo.Area;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Gengbao.Ledger.Optimisation;

/// <summary>
/// PBF layout optimisation support (seed 000; 陕自然资发〔2024〕11号 §3(2): withdraw PBF in fragile, polluted,
/// scattered and fragmented land first; take in built high-standard farmland not yet in PBF), docs/ledger.md §7:
/// <list type="bullet">
/// <item>withdrawal candidates: parcels of blocks below <see cref="PbfOptimisationOptions.MinBlockArea"/>, parcels
/// mostly on slope grade 5, parcels mostly inside a given polluted or fragile layer;</item>
/// <item>add candidates: the part of each high-standard farmland project on cultivated land outside PBF;</item>
/// <item>contiguity statistics of all PBF.</item>
/// </list>
/// Pure: the caller reads the layers. Block areas sum official parcel areas (TBMJ); add-candidate areas are
/// official ellipsoidal areas of the overlay pieces (<see cref="EllipsoidalArea.OfGeographic"/>).
/// </summary>
public static class PbfOptimisationOp
{
    /// <summary>Overlay parts below this official area (m²) are boundary slivers between layers, not land to add.</summary>
    public const double SliverArea = 1.0;

    public static PbfOptimisation Run(PbfOptimisationInput input, PbfOptimisationOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var parcels = input.Parcels;
        var blockOf = ContiguityOp.Blocks([.. parcels.Select(p => p.Shape)], options.GapMetres);
        var blockCount = blockOf.Length == 0 ? 0 : blockOf.Max() + 1;
        var blockArea = new decimal[blockCount];
        var blockParcels = new int[blockCount];
        for (var i = 0; i < parcels.Count; i++)
        {
            blockArea[blockOf[i]] += parcels[i].OfficialArea;
            blockParcels[blockOf[i]]++;
        }
        // Number blocks by descending area (ties: first member order), so block 1 is the largest.
        var rank = Enumerable.Range(0, blockCount).OrderByDescending(b => blockArea[b]).ThenBy(b => b).ToArray();
        var blockNo = new int[blockCount];
        for (var r = 0; r < rank.Length; r++)
        {
            blockNo[rank[r]] = r + 1;
        }

        var steep = new CoverageIndex(input.SteepCultivated);
        var layers = input.Exclusions.Select(l => (Layer: l, Index: new CoverageIndex(l.Polygons))).ToList();
        var withdraw = new List<WithdrawCandidate>();
        for (var i = 0; i < parcels.Count; i++)
        {
            var parcel = parcels[i];
            var reasons = WithdrawReasons.None;
            if (blockArea[blockOf[i]] < options.MinBlockArea)
            {
                reasons |= WithdrawReasons.Fragment;
            }
            var steepShare = steep.ShareOf(parcel.Geographic);
            if (steepShare >= options.MinShareInside && steepShare > 0)
            {
                reasons |= WithdrawReasons.SteepSlope;
            }
            var inside = new List<string>();
            foreach (var (layer, index) in layers)
            {
                var share = index.ShareOf(parcel.Geographic);
                if (share >= options.MinShareInside && share > 0)
                {
                    inside.Add(layer.Name);
                    reasons |= layer.Kind == ExclusionKind.Polluted ? WithdrawReasons.Polluted : WithdrawReasons.Fragile;
                }
            }
            if (reasons != WithdrawReasons.None)
            {
                withdraw.Add(new WithdrawCandidate(parcel.Fid, parcel.Bsm, parcel.VillageCode, parcel.OfficialArea,
                    blockNo[blockOf[i]], blockArea[blockOf[i]], reasons, steepShare, string.Join(",", inside), parcel.Geographic));
            }
        }

        var add = AddCandidates(input);
        return new PbfOptimisation(options, withdraw, add, Statistics(options, parcels.Count, blockArea, blockParcels));
    }

    private static List<AddCandidate> AddCandidates(PbfOptimisationInput input)
    {
        var cultivated = new CoverageIndex(input.Cultivated);
        var pbf = new CoverageIndex([.. input.Parcels.Select(p => p.Geographic)]);
        var result = new List<AddCandidate>();
        foreach (var project in input.HighStandard)
        {
            var onCultivated = cultivated.Intersection(project.Geographic);
            if (onCultivated.IsEmpty)
            {
                continue;
            }
            var outside = pbf.Difference(onCultivated);
            var parts = Enumerable.Range(0, outside.NumGeometries).Select(outside.GetGeometryN)
                .OfType<Polygon>().Where(p => EllipsoidalArea.OfGeographic(p) >= SliverArea).ToArray();
            if (parts.Length == 0)
            {
                continue;
            }
            var piece = outside.Factory.CreateMultiPolygon(parts);
            result.Add(new AddCandidate(project.Fid, project.ProjectNo, project.ProjectName,
                (decimal)EllipsoidalArea.Round(EllipsoidalArea.OfGeographic(piece)), piece));
        }
        return result;
    }

    private static ContiguityStatistics Statistics(PbfOptimisationOptions options, int parcelCount, decimal[] blockArea, int[] blockParcels)
    {
        var total = blockArea.Sum();
        var bins = new List<SizeBin>();
        for (var b = 0; b < options.SizeBins.Count; b++)
        {
            var from = options.SizeBins[b];
            decimal? to = b + 1 < options.SizeBins.Count ? options.SizeBins[b + 1] : null;
            var members = Enumerable.Range(0, blockArea.Length).Where(k => blockArea[k] >= from && (to is null || blockArea[k] < to)).ToList();
            bins.Add(new SizeBin(from, to, members.Count, members.Sum(k => blockParcels[k]), members.Sum(k => blockArea[k])));
        }
        var shares = options.ShareThresholds.Select(t =>
        {
            var area = blockArea.Where(a => a >= t).Sum();
            return new ContiguityShare(t, area, total == 0 ? 0 : (double)(area / total));
        }).ToList();
        return new ContiguityStatistics(parcelCount, blockArea.Length, total, bins, shares);
    }

    /// <summary>
    /// An invalid polygon repaired (<see cref="GeometryFixer"/>), a valid one as it is. The stored geographic copies
    /// can self-intersect where the projected shape does not (the demo's high-standard farmland: 32 of 54 projects
    /// of county 622921), and given layers come from anywhere; overlays refuse invalid input.
    /// </summary>
    private static Geometry Valid(Geometry g) => g.IsValid ? g : GeometryFixer.Fix(g);

    /// <summary>The polygons of an overlay result: shapes that only touch leave lines and points, which a following
    /// overlay refuses as mixed-dimension input.</summary>
    private static Geometry Polygonal(Geometry g) => g is Polygon or MultiPolygon
        ? g
        : g.Factory.CreateMultiPolygon([.. PolygonExtracter.GetPolygons(g).Cast<Polygon>()]);

    /// <summary>Polygons of one layer behind an STR-tree; overlays with the union of those near a shape.</summary>
    private sealed class CoverageIndex
    {
        private readonly STRtree<Geometry> _tree = new();

        public CoverageIndex(IReadOnlyList<Geometry> polygons)
        {
            foreach (var p in polygons)
            {
                var valid = Valid(p);
                _tree.Insert(valid.EnvelopeInternal, valid);
            }
            _tree.Build();
        }

        /// <summary>
        /// The shape repaired, and the union of the layer's polygons that intersect it (null: none). The tree is asked
        /// first with the raw envelope (a repair never grows it), so a shape far from the layer is never validated.
        /// </summary>
        private (Geometry Shape, Geometry? Near) Near(Geometry shape)
        {
            var candidates = _tree.Query(shape.EnvelopeInternal);
            if (candidates.Count == 0)
            {
                return (shape, null);
            }
            shape = Valid(shape);
            // A prepared shape answers "intersects" for many candidates without rebuilding its edge index each time.
            var prepared = candidates.Count > 1 ? PreparedGeometryFactory.Prepare(shape) : null;
            var near = candidates.Where(g => prepared?.Intersects(g) ?? g.Intersects(shape)).ToList();
            return (shape, near.Count == 0 ? null : near.Count == 1 ? near[0] : OverlayNGRobust.Union(near));
        }

        /// <summary>Share (0–1, planar in the shape's CRS) of the shape's area covered by the layer.</summary>
        public double ShareOf(Geometry shape)
        {
            var (valid, near) = Near(shape);
            if (near is null || valid.Area <= 0)
            {
                return 0;
            }
            return Math.Min(1, OverlayNGRobust.Overlay(valid, near, SpatialFunction.Intersection).Area / valid.Area);
        }

        public Geometry Intersection(Geometry shape)
        {
            var (valid, near) = Near(shape);
            return near is null ? valid.Factory.CreatePolygon() : Polygonal(OverlayNGRobust.Overlay(valid, near, SpatialFunction.Intersection));
        }

        public Geometry Difference(Geometry shape)
        {
            var (valid, near) = Near(shape);
            return near is null ? Valid(valid) : OverlayNGRobust.Overlay(valid, near, SpatialFunction.Difference);
        }
    }
}
