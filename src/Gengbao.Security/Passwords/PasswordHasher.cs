using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace Gengbao.Security.Passwords;

/// <summary>
/// Argon2id password hashes (RFC 9106) in the PHC string format, so the cost travels with each hash and can be
/// raised later: <c>$argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</c> (base64 without padding, 16-byte
/// salt, 32-byte hash). The default cost is OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane), about 40 ms
/// per hash on one core of the 2-core servers bureaus run. <see cref="NeedsRehash"/> tells the login path to store a new
/// hash when the configured cost is higher than the stored one.
/// </summary>
public sealed class PasswordHasher(int memoryKiB = PasswordHasher.DefaultMemoryKiB, int iterations = PasswordHasher.DefaultIterations, int parallelism = 1)
{
    public const int DefaultMemoryKiB = 19_456;
    public const int DefaultIterations = 2;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, memoryKiB, iterations, parallelism, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={memoryKiB},t={iterations},p={parallelism}${B64(salt)}${B64(hash)}");
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="stored"/>; false for a malformed hash. Constant-time compare.</summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(stored, out var m, out var t, out var p, out var salt, out var expected))
        {
            return false;
        }
        var actual = Derive(password, salt, m, t, p, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>True when the stored hash is weaker than this hasher's cost (or malformed), so it should be replaced after a successful login.</summary>
    public bool NeedsRehash(string stored) =>
        !TryParse(stored, out var m, out var t, out var p, out _, out _) || m < memoryKiB || t < iterations || p < parallelism;

    private static byte[] Derive(string password, byte[] salt, int m, int t, int p, int length)
    {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.Argon2id)
            .WithVersion(Argon2Parameters.Version13)
            .WithMemoryAsKB(m).WithIterations(t).WithParallelism(p).WithSalt(salt).Build();
        var generator = new Argon2BytesGenerator();
        generator.Init(parameters);
        var output = new byte[length];
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            generator.GenerateBytes(bytes, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
        return output;
    }

    private static bool TryParse(string stored, out int m, out int t, out int p, out byte[] salt, out byte[] hash)
    {
        (m, t, p, salt, hash) = (0, 0, 0, [], []);
        var parts = (stored ?? "").Split('$');
        if (parts.Length != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }
        foreach (var kv in parts[3].Split(','))
        {
            var pair = kv.Split('=');
            if (pair.Length != 2 || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                return false;
            }
            switch (pair[0])
            {
                case "m": m = value; break;
                case "t": t = value; break;
                case "p": p = value; break;
                default: return false;
            }
        }
        // Refuse absurd costs read from the database (a tampered row must not make a login allocate gigabytes).
        if (m is < 8 or > 1_048_576 || t is < 1 or > 64 || p is < 1 or > 16)
        {
            return false;
        }
        try
        {
            salt = FromB64(parts[4]);
            hash = FromB64(parts[5]);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length >= 8 && hash.Length >= 16;
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] FromB64(string text) => Convert.FromBase64String(text.PadRight(text.Length + (4 - text.Length % 4) % 4, '='));
}
