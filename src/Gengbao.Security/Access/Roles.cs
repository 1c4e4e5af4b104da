namespace Gengbao.Security.Access;

/// <summary>The stored names of <see cref="Role"/> and what each role may do regardless of region.</summary>
public static class Roles
{
    public const string SystemAdmin = "system_admin";
    public const string RegionAdmin = "region_admin";
    public const string Leader = "leader";
    public const string FieldManager = "field_manager";
    public const string Enforcement = "enforcement";
    public const string Exchange = "exchange";
    public const string Public = "public";

    private static readonly Dictionary<string, Role> ByName = new(StringComparer.Ordinal)
    {
        [SystemAdmin] = Role.SystemAdmin, [RegionAdmin] = Role.RegionAdmin, [Leader] = Role.Leader,
        [FieldManager] = Role.FieldManager, [Enforcement] = Role.Enforcement, [Exchange] = Role.Exchange, [Public] = Role.Public,
    };

    /// <summary>Every role an account can hold (<see cref="Role.Public"/> is the anonymous caller, never an account).</summary>
    public static IReadOnlyList<Role> AccountRoles { get; } =
        [Role.SystemAdmin, Role.RegionAdmin, Role.Leader, Role.FieldManager, Role.Enforcement, Role.Exchange];

    public static string Name(this Role role) => role switch
    {
        Role.SystemAdmin => SystemAdmin,
        Role.RegionAdmin => RegionAdmin,
        Role.Leader => Leader,
        Role.FieldManager => FieldManager,
        Role.Enforcement => Enforcement,
        Role.Exchange => Exchange,
        Role.Public => Public,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    /// <summary>Parses a stored role name; false for anything else (names are case-sensitive).</summary>
    public static bool TryParse(string? name, out Role role) => ByName.TryGetValue(name ?? "", out role);

    public static Role Parse(string name) => TryParse(name, out var role)
        ? role
        : throw new ArgumentException($"'{name}' is not a role; one of {string.Join(", ", AccountRoles.Select(r => r.Name()))}", nameof(name));

    /// <summary>False for the read-only roles (leader, public): any request other than GET/HEAD is refused for them.</summary>
    public static bool CanWrite(this Role role) => role is not (Role.Leader or Role.Public);

    /// <summary>True for the roles that administer accounts (inside their region).</summary>
    public static bool AdministersAccounts(this Role role) => role is Role.SystemAdmin or Role.RegionAdmin;

    /// <summary>
    /// Whether <paramref name="admin"/> (with <paramref name="adminRegion"/>) may create or disable an account with
    /// <paramref name="role"/> in <paramref name="region"/>: a system admin any; a region admin only below himself,
    /// inside his region, and never a system admin.
    /// </summary>
    public static bool MayManage(this Role admin, RegionScope adminRegion, Role role, RegionScope region) => admin switch
    {
        Role.SystemAdmin => role != Role.Public,
        Role.RegionAdmin => role is not (Role.SystemAdmin or Role.Public) && adminRegion.Contains(region),
        _ => false,
    };

    /// <summary>Whether the role sees personal data (names, phone and ID numbers) unmasked.</summary>
    public static bool SeesPersonalData(this Role role) => role is Role.SystemAdmin or Role.RegionAdmin or Role.Enforcement;
}
