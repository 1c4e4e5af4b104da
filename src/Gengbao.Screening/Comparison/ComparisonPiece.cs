using NetTopologySuite.Geometries;

namespace Gengbao.Screening.Comparison;

/// <summary>
/// One piece of before ∩ after: the ids of the two parcels, the before parcel's location code, the class before
/// (<c>FromClass</c>) and after (<c>ToClass</c>), and the geodesic area in m² (&gt; 0). <see cref="Geometry"/> is
/// kept only for pieces where cultivated land was lost or gained (<see cref="CultivatedChange"/> not null), in the
/// run's zone; it is null otherwise, so a comparison of whole counties does not hold every piece in memory.
/// </summary>
public sealed record ComparisonPiece(long BeforeId, long AfterId, string LocationCode, string FromClass, string ToClass, double Area, Geometry? Geometry)
{
    /// <summary>
    /// "lost" when cultivated land (0101/0102/0103, docs/domain.md §1.3) became another class, "gained" when another
    /// class became cultivated land, null otherwise (a change between two cultivated classes is neither).
    /// </summary>
    public string? CultivatedChange => CultivatedChangeOf(FromClass, ToClass);

    internal static string? CultivatedChangeOf(string from, string to)
    {
        var was = Gengbao.Geo.Codes.LandClass.IsCultivated(from);
        var now = Gengbao.Geo.Codes.LandClass.IsCultivated(to);
        return was == now ? null : was ? "lost" : "gained";
    }
}
