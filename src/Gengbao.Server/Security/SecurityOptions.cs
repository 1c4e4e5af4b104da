namespace Gengbao.Server.Security;

/// <summary>
/// Login and session rules, from configuration section <c>Gengbao:Security</c> (appsettings or
/// <c>Gengbao__Security__MaxFailedLogins</c> style environment variables).
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Gengbao:Security";

    /// <summary>Failed logins in a row that lock an account.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session unused this long ends (idle expiry).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after login whatever its use (absolute expiry).</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Login attempts per client address per minute (rate limit, before lockout).</summary>
    public int LoginPermitsPerMinute { get; set; } = 20;

    /// <summary>Anonymous requests (the QR parcel page and its images) per client address per minute.</summary>
    public int PublicPermitsPerMinute { get; set; } = 120;

    /// <summary>
    /// Reverse proxies (addresses or CIDR networks, e.g. "10.0.0.5" or "10.0.0.0/24") whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed. Empty (the default): the headers are ignored, so a client cannot pick the address
    /// that audit entries and rate limits see.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Argon2id memory cost in KiB for new password hashes; raise it and hashes are upgraded at the next login.</summary>
    public int PasswordMemoryKiB { get; set; } = Gengbao.Security.Passwords.PasswordHasher.DefaultMemoryKiB;

    /// <summary>Argon2id passes for new password hashes.</summary>
    public int PasswordIterations { get; set; } = Gengbao.Security.Passwords.PasswordHasher.DefaultIterations;
}
