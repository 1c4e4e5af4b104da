using Gengbao.Security.Passwords;
using Gengbao.Storage.Security;
using Microsoft.Extensions.Options;

namespace Gengbao.Server.Security;

/// <summary>The outcome of a login attempt.</summary>
public enum LoginStatus
{
    Success,

    /// <summary>Unknown username, wrong password or disabled account: one answer, so accounts cannot be probed.</summary>
    Invalid,

    /// <summary>Locked after too many failures (this attempt was not checked).</summary>
    Locked,
}

public sealed record LoginResult(LoginStatus Status, Account? Account = null, string? Token = null, DateTimeOffset? ExpiresAt = null, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Login, logout and password change: lockout after repeated failures, opaque sessions with absolute expiry, and
/// upgrading stored hashes whose Argon2id cost is below the configured one.
/// </summary>
public sealed class LoginService(AccountStore accounts, SessionStore sessions, IOptions<SecurityOptions> options, TimeProvider clock)
{
    // Verified when the username does not exist, so an unknown name takes as long as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher().Hash(PasswordRules.Generate()));

    private PasswordHasher Hasher => new(options.Value.PasswordMemoryKiB, options.Value.PasswordIterations);

    public string HashPassword(string password) => Hasher.Hash(password);

    public async Task<LoginResult> LoginAsync(string username, string password, string ip, CancellationToken cancellationToken)
    {
        var found = await accounts.FindForLoginAsync(username, cancellationToken);
        var now = clock.GetUtcNow();
        if (found is not { } record)
        {
            PasswordHasher.Verify(password, DummyHash.Value);
            return new LoginResult(LoginStatus.Invalid);
        }
        var (account, hash) = record;
        if (account.LockedUntil is { } until && until > now)
        {
            return new LoginResult(LoginStatus.Locked, account, LockedUntil: until);
        }
        if (!PasswordHasher.Verify(password, hash) || account.Disabled)
        {
            if (!account.Disabled)
            {
                var lockUntil = now + options.Value.LockoutDuration;
                if (await accounts.RecordFailedLoginAsync(account.Id, options.Value.MaxFailedLogins, lockUntil, cancellationToken))
                {
                    return new LoginResult(LoginStatus.Locked, account, LockedUntil: lockUntil);
                }
            }
            return new LoginResult(LoginStatus.Invalid, account);
        }
        await accounts.RecordSuccessfulLoginAsync(account.Id, cancellationToken);
        if (Hasher.NeedsRehash(hash))
        {
            await accounts.SetPasswordAsync(account.Id, Hasher.Hash(password), account.PasswordChangedAt, cancellationToken);
        }
        var token = SessionTokens.NewToken();
        var expiresAt = now + options.Value.AbsoluteTimeout;
        await sessions.CreateAsync(SessionTokens.Hash(token), account.Id, now, expiresAt, ip, cancellationToken);
        return new LoginResult(LoginStatus.Success, account, token, expiresAt);
    }

    public Task LogoutAsync(CurrentUser user, CancellationToken cancellationToken) =>
        sessions.RevokeAsync(user.SessionHash, clock.GetUtcNow(), cancellationToken);

    /// <summary>Null on success (other sessions of the user end), else why the change was refused.</summary>
    public async Task<string?> ChangePasswordAsync(CurrentUser user, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var found = await accounts.FindForLoginAsync(user.Username, cancellationToken);
        if (found is not { } record || !PasswordHasher.Verify(currentPassword, record.PasswordHash))
        {
            return "the current password is wrong";
        }
        if (PasswordRules.Check(newPassword, user.Username) is { } problem)
        {
            return problem;
        }
        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return "the new password must differ from the current one";
        }
        var now = clock.GetUtcNow();
        await accounts.SetPasswordAsync(user.Id, Hasher.Hash(newPassword), now, cancellationToken);
        await sessions.RevokeOthersAsync(user.Id, user.SessionHash, now, cancellationToken);
        return null;
    }
}
