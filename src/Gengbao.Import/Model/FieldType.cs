namespace Gengbao.Import.Model;

/// <summary>Attribute types as the source formats declare them; values are normalised to these CLR types.</summary>
public enum FieldType
{
    /// <summary><see cref="string"/>.</summary>
    Text,
    /// <summary><see cref="long"/>.</summary>
    Integer,
    /// <summary><see cref="double"/>.</summary>
    Real,
    /// <summary><see cref="DateOnly"/>.</summary>
    Date,
    /// <summary><see cref="DateTime"/> (UTC).</summary>
    DateTime,
    /// <summary><see cref="bool"/>.</summary>
    Boolean,
}
