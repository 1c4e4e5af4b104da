namespace Gengbao.Import.Layers;

/// <summary>How a standard field is stored and checked.</summary>
public enum ColumnKind
{
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A land-use code (DLBM and its relatives), checked against the 三调 classification.</summary>
    LandClassCode,
    /// <summary>An admin or location-unit code (XZQDM, ZLDWDM, QSDWDM), checked for shape.</summary>
    AdminCode,
    /// <summary>Whole number (years, levels).</summary>
    Integer,
    /// <summary>Area or coefficient, stored as numeric.</summary>
    Numeric,
    /// <summary>Calendar date.</summary>
    Date,
}
