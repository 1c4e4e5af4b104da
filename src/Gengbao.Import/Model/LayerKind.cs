namespace Gengbao.Import.Model;

/// <summary>The one-map layer types the platform knows (docs/domain.md §2.1).</summary>
public enum LayerKind
{
    /// <summary>XZQ: administrative units, province down to village group.</summary>
    Xzq,
    /// <summary>DLTB: land-use patches (地类图斑).</summary>
    Dltb,
    /// <summary>YJJBNT / YJJBNTTB: permanent basic farmland (永久基本农田).</summary>
    Yjjbnt,
    /// <summary>GBZNT: high-standard farmland projects (高标准农田).</summary>
    Gbznt,
    /// <summary>PZYD: approvals (批准用地): conversion, supply, facility agricultural land, temporary land.</summary>
    Pzyd,
    /// <summary>BHTB: change patches (变化图斑) from monitoring, patrol or public reports.</summary>
    Bhtb,
}
