namespace Gengbao.Screening.Comparison;

/// <summary>Which of the two survey years a parcel belongs to.</summary>
public enum ComparisonSide
{
    /// <summary>The earlier year (the <c>--before</c> file).</summary>
    Before,

    /// <summary>The later year (the <c>--after</c> file).</summary>
    After,
}
