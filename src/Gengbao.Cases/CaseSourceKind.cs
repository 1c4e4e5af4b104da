namespace Gengbao.Cases;

/// <summary>Where a problem came from (seed 004 多源问题发现): issued from above, own monitoring, patrol, public.</summary>
public enum CaseSourceKind
{
    /// <summary>上级下发 (ministry or province change patches with their JCBH).</summary>
    Issued,

    /// <summary>本级监测 (own satellite or drone monitoring).</summary>
    Monitoring,

    /// <summary>巡查上报 (a patrol finding).</summary>
    Patrol,

    /// <summary>公众监督 (a public clue).</summary>
    Public,
}
