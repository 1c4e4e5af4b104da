using Org.BouncyCastle.Crypto.Digests;

namespace Gengbao.Security.Crypto;

/// <summary>The SM3 hash (GB/T 32905-2016): 32-byte digests, written as 64 lower-case hex digits where text is needed.</summary>
public static class Sm3
{
    public const int Size = 32;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var output = new byte[Size];
        digest.DoFinal(output, 0);
        return output;
    }

    public static string HashHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(Hash(data));
}
