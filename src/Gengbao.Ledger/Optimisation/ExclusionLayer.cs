using NetTopologySuite.Geometries;

namespace Gengbao.Ledger.Optimisation;

/// <summary>Why a given layer's areas argue for withdrawing PBF (seed 000, 陕自然资发〔2024〕11号 §3(2)).</summary>
public enum ExclusionKind
{
    /// <summary>严格管控类(重度)受污染耕地.</summary>
    Polluted,

    /// <summary>生态脆弱区 (ecologically fragile areas; also severe drought areas).</summary>
    Fragile,
}

/// <summary>A polygon layer passed by the user (name for reports), its polygons in CGCS2000 longitude/latitude.</summary>
public sealed record ExclusionLayer(string Name, ExclusionKind Kind, IReadOnlyList<Geometry> Polygons);
