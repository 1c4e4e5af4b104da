namespace Gengbao.Security.Access;

/// <summary>
/// What a user may do, independent of where (the where is <see cref="RegionScope"/>). Stored as the snake_case
/// names of <see cref="Roles"/> (<c>system_admin</c>, ...) in <c>app_user.role</c>.
/// </summary>
public enum Role
{
    /// <summary>Runs the platform: all regions, all accounts.</summary>
    SystemAdmin,

    /// <summary>Administers accounts and data inside his own region.</summary>
    RegionAdmin,

    /// <summary>Reads dashboards and ledgers of his region; never writes (any non-GET request is refused).</summary>
    Leader,

    /// <summary>Field manager (网格员/田长) at province, prefecture, county, township or village level.</summary>
    FieldManager,

    /// <summary>Enforcement officer (执法人员): cases of his region.</summary>
    Enforcement,

    /// <summary>The agriculture department's data-exchange account.</summary>
    Exchange,

    /// <summary>Anyone: only what is graded public (the parcel page a warning post's QR code opens).</summary>
    Public,
}
