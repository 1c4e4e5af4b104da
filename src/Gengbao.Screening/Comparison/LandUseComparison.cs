namespace Gengbao.Screening.Comparison;

/// <summary>
/// The result of overlaying two survey years: every piece of before ∩ after (ordered as the before parcels were given, then as the after parcels were given),
/// and the areas (m², geodesic) of both layers and of the parts of each that the other does not cover.
/// </summary>
public sealed class LandUseComparison
{
    internal LandUseComparison(IReadOnlyList<ComparisonPiece> pieces, double beforeArea, double afterArea, int sliverCount, double sliverArea)
    {
        SliverCount = sliverCount;
        SliverArea = sliverArea;
        Pieces = pieces;
        BeforeArea = beforeArea;
        AfterArea = afterArea;
        var common = 0.0;
        foreach (var piece in pieces)
        {
            common += piece.Area;
        }
        CommonArea = common;
    }

    /// <summary>All pieces that are not slivers, in before input order, then after input order.</summary>
    public IReadOnlyList<ComparisonPiece> Pieces { get; }

    /// <summary>Sum of the before parcels' areas.</summary>
    public double BeforeArea { get; }

    /// <summary>Sum of the after parcels' areas.</summary>
    public double AfterArea { get; }

    /// <summary>Overlay pieces dropped as slivers (area &lt; <see cref="LandUseOverlayOp.SliverArea"/>, see there).</summary>
    public int SliverCount { get; }

    /// <summary>Total plane area (m², in the zone) of the dropped slivers.</summary>
    public double SliverArea { get; }

    /// <summary>Sum of the pieces' areas: the area both years cover.</summary>
    public double CommonArea { get; }

    /// <summary>
    /// Before area the after layer does not cover (land that drops out of the matrix). Computed as a difference of
    /// sums, so it also carries overlay rounding (micro-square-metres per parcel) and double counting where a
    /// layer's own parcels overlap.
    /// </summary>
    public double BeforeOnlyArea => BeforeArea - CommonArea;

    /// <summary>After area the before layer does not cover; see <see cref="BeforeOnlyArea"/>.</summary>
    public double AfterOnlyArea => AfterArea - CommonArea;

    /// <summary>The transfer matrix of these pieces, per village (docs/comparison.md).</summary>
    public IReadOnlyList<TransferMatrixRow> Matrix() => TransferMatrix.Of(Pieces);
}
