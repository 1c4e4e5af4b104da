using System.Security.Cryptography;
using System.Text;
using Gengbao.Security.Crypto;

namespace Gengbao.Server.Security;

/// <summary>Opaque session tokens: 32 random bytes, base64url; the database keeps only their SM3 hash.</summary>
public static class SessionTokens
{
    public const string CookieName = "gengbao_session";

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Sm3.HashHex(Encoding.UTF8.GetBytes(token));
}
