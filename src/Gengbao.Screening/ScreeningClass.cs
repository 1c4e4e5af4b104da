namespace Gengbao.Screening;

/// <summary>The traffic-light class of a screened change patch.</summary>
public enum ScreeningClass
{
    /// <summary>No cultivated land occupied, or the patch is (almost) entirely covered by approvals.</summary>
    Green,

    /// <summary>Occupies cultivated land with a part not covered by any approval: to be verified in the field.</summary>
    Yellow,

    /// <summary>Judged illegal after verification. Never set by the screening engine, which only sees the map.</summary>
    Red,
}
