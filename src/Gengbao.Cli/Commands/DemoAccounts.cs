using Gengbao.Security.Access;
using Gengbao.Security.Passwords;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Cli.Commands;

/// <summary>
/// The demo accounts <c>gengbao demo</c> creates (the only list of them): one per kind of user a bureau has. Each
/// gets a random password, printed once when the account is created.
/// </summary>
internal static class DemoAccounts
{
    public static IReadOnlyList<(string Username, Role Role, string Region, string DisplayName)> All { get; } =
    [
        ("admin", Role.SystemAdmin, "", "系统管理员"),
        ("leader", Role.Leader, "6229", "州领导"),
        ("county622921", Role.RegionAdmin, "622921", "临夏县管理员"),
        ("field622921", Role.FieldManager, "622921", "临夏县田长"),
    ];

    /// <summary>Creates the demo accounts that do not exist yet; returns them with their passwords.</summary>
    public static async Task<IReadOnlyList<(string Username, Role Role, string Region, string Password)>> EnsureAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var store = new AccountStore(new OwnerConnections(dataSource));
        var created = new List<(string, Role, string, string)>();
        foreach (var (username, role, region, display) in All)
        {
            if (await store.FindAsync(username, ct) is not null)
            {
                continue;
            }
            var password = PasswordRules.Generate();
            await store.CreateAsync(new NewAccount(username, new PasswordHasher().Hash(password), role, RegionScope.Parse(region), display), "demo", ct);
            await UserCommand.AuditAsync(dataSource, "user add", username, $$"""{"role": "{{role.Name()}}", "region": "{{region}}", "demo": true}""", ct);
            created.Add((username, role, region, password));
        }
        return created;
    }
}
