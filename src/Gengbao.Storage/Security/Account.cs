using Gengbao.Security.Access;

namespace Gengbao.Storage.Security;

/// <summary>An account as stored in <c>app_user</c>, without its password hash. <see cref="PhoneSealed"/> is SM4-GCM (context <c>app_user.phone</c>).</summary>
public sealed record Account(long Id, string Username, Role Role, RegionScope Region, string DisplayName, string? RosterRef, byte[]? PhoneSealed,
    int FailedAttempts, DateTimeOffset? LockedUntil, DateTimeOffset PasswordChangedAt, bool Disabled, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>What an admin gives to create an account; the password is already hashed.</summary>
public sealed record NewAccount(string Username, string PasswordHash, Role Role, RegionScope Region, string DisplayName = "", string? RosterRef = null, byte[]? PhoneSealed = null);
