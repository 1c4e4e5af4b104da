namespace Gengbao.Security.Passwords;

/// <summary>
/// Password rules for accounts (GB/T 22239-2019 §8.1.4.1 a: identification with complexity requirements):
/// 10 to 128 characters, at least three of upper-case, lower-case, digits and other characters, and not
/// containing the username.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 128;

    /// <summary>Null when the password is acceptable, else the reason in plain words.</summary>
    public static string? Check(string password, string username)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinimumLength)
        {
            return $"the password must have at least {MinimumLength} characters";
        }
        if (password.Length > MaximumLength)
        {
            return $"the password must have at most {MaximumLength} characters";
        }
        var classes = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0)
                    + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (classes < 3)
        {
            return "the password must mix at least three of: upper-case letters, lower-case letters, digits, other characters";
        }
        if (!string.IsNullOrEmpty(username) && password.Contains(username, StringComparison.OrdinalIgnoreCase))
        {
            return "the password must not contain the username";
        }
        return null;
    }

    /// <summary>A random password that passes <see cref="Check"/>: 16 characters from four classes, no look-alikes (0/O, 1/l/I).</summary>
    public static string Generate()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", other = "-_.+=@#%";
        const string all = upper + lower + digits + other;
        var chars = new char[16];
        chars[0] = upper[System.Security.Cryptography.RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[System.Security.Cryptography.RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[System.Security.Cryptography.RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = other[System.Security.Cryptography.RandomNumberGenerator.GetInt32(other.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[System.Security.Cryptography.RandomNumberGenerator.GetInt32(all.Length)];
        }
        System.Security.Cryptography.RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
