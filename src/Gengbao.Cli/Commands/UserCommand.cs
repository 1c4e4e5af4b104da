using System.CommandLine;
using System.Globalization;
using Gengbao.Security.Access;
using Gengbao.Security.Passwords;
using Gengbao.Storage.Audit;
using Gengbao.Storage.Database;
using Gengbao.Storage.Security;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao user add|list|disable|enable</c>: accounts, as the database owner (an operator on the server). Each
/// change is written to the audit chain with the operating-system user as actor.
/// </summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var user = new Command("user", "Manage accounts (roles and regions: docs/security.md)");

        var username = new Option<string>("--username") { Description = "Login name (2-64 of A-Z a-z 0-9 _ . @ -)", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.AccountRoles.Select(r => r.Name()))}", Required = true };
        var region = new Option<string>("--region") { Description = "Admin-code prefix: 2, 4, 6, 9 or 12 digits; empty for the whole country (system_admin only)", DefaultValueFactory = _ => "" };
        var display = new Option<string?>("--display-name") { Description = "The person's name" };
        var roster = new Option<string?>("--roster") { Description = "The roster entry (花名册) this account belongs to" };
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (else one is generated and printed once)" };
        var add = new Command("add", "Create an account tied to a region") { username, role, region, display, roster, stdin };
        add.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var name = parse.GetValue(username)!.Trim();
            var chosenRole = Roles.Parse(parse.GetValue(role)!);
            var scope = RegionScope.Parse(parse.GetValue(region));
            if (chosenRole == Role.Public || (scope.IsCountry && chosenRole != Role.SystemAdmin))
            {
                throw new ArgumentException("only a system_admin may have the whole country as region; give --region");
            }
            var fromStdin = parse.GetValue(stdin);
            var password = fromStdin ? (Console.In.ReadLine() ?? "").TrimEnd('\r', '\n') : PasswordRules.Generate();
            if (PasswordRules.Check(password, name) is { } problem)
            {
                throw new ArgumentException(problem);
            }
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            await new AccountStore(new OwnerConnections(dataSource)).CreateAsync(
                new NewAccount(name, new PasswordHasher().Hash(password), chosenRole, scope, parse.GetValue(display) ?? "", parse.GetValue(roster)), Operator, ct);
            await AuditAsync(dataSource, "user add", name, $$"""{"role": "{{chosenRole.Name()}}", "region": "{{scope.Prefix}}"}""", ct);
            Console.WriteLine($"created {name} ({chosenRole.Name()}, region {scope})");
            if (!fromStdin)
            {
                Console.WriteLine($"password: {password}   (shown once; change it after the first login)");
            }
            return 0;
        }));

        var list = new Command("list", "List every account");
        list.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var accounts = await new AccountStore(new OwnerConnections(dataSource)).ListAsync(ct);
            Console.WriteLine("username\trole\tregion\tdisplay name\tstate");
            foreach (var a in accounts)
            {
                var state = a.Disabled ? "disabled" : a.LockedUntil > DateTimeOffset.UtcNow ? $"locked until {a.LockedUntil:u}" : "active";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{a.Username}\t{a.Role.Name()}\t{(a.Region.IsCountry ? "*" : a.Region.Prefix)}\t{a.DisplayName}\t{state}"));
            }
            return 0;
        }));

        user.Subcommands.Add(add);
        user.Subcommands.Add(list);
        user.Subcommands.Add(SetDisabled("disable", true));
        user.Subcommands.Add(SetDisabled("enable", false));
        return user;
    }

    private static Command SetDisabled(string verb, bool disabled)
    {
        var name = new Argument<string>("username") { Description = "The account" };
        var command = new Command(verb, disabled ? "Disable an account (its sessions stop working at once)" : "Enable a disabled account") { name };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var username = parse.GetValue(name)!;
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            if (!await new AccountStore(new OwnerConnections(dataSource)).SetDisabledAsync(username, disabled, ct))
            {
                throw new ArgumentException($"no account '{username}'");
            }
            await AuditAsync(dataSource, "user " + verb, username, "{}", ct);
            Console.WriteLine($"{username} {(disabled ? "disabled" : "enabled")}");
            return 0;
        }));
        return command;
    }

    /// <summary>The actor of CLI changes: the operating-system user on the server.</summary>
    internal static string Operator => "cli:" + Environment.UserName;

    internal static Task AuditAsync(Npgsql.NpgsqlDataSource dataSource, string action, string target, string detailJson, CancellationToken ct) =>
        new AuditLog(dataSource).AppendAsync(new AuditRecord(DateTime.UtcNow, Operator, "operator", "local", "cli " + action, target, detailJson), ct);
}
