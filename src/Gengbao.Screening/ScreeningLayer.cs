namespace Gengbao.Screening;

/// <summary>The role of an input layer, so errors can name the layer the offending feature belongs to.</summary>
public enum ScreeningLayer
{
    /// <summary>Change patches, <c>BHTB</c>.</summary>
    ChangePatches,

    /// <summary>Land-use patches, <c>DLTB</c>.</summary>
    Land,

    /// <summary>Permanent basic farmland, <c>YJJBNT</c>.</summary>
    PermanentBasicFarmland,

    /// <summary>High-standard farmland, <c>GBZNT</c>.</summary>
    HighStandardFarmland,

    /// <summary>Approvals, <c>PZYD</c>.</summary>
    Approvals,
}
