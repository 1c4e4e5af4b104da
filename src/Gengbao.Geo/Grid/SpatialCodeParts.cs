namespace Gengbao.Geo.Grid;

/// <summary>The pieces of a parcel spatial code (see <see cref="SpatialCode"/>).</summary>
/// <param name="AdminCode">The 12-digit village code.</param>
/// <param name="BeidouCode">The Beidou 2D grid code of the parcel's interior point.</param>
/// <param name="Level">The Beidou level, 1–10.</param>
/// <param name="Suffix">The collision number (2, 3, …) or null for the first parcel in the cell.</param>
public readonly record struct SpatialCodeParts(string AdminCode, string BeidouCode, int Level, int? Suffix)
{
    /// <summary>The code without the collision suffix.</summary>
    public string Base => AdminCode + BeidouCode;
}
