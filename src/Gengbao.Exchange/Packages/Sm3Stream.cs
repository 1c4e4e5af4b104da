using Org.BouncyCastle.Crypto.Digests;

namespace Gengbao.Exchange.Packages;

/// <summary>Copies a stream while computing its SM3 (GB/T 32905-2016) and counting bytes, stopping above a byte cap.</summary>
internal static class Sm3Stream
{
    public static (string Sm3, long Size) Copy(Stream source, Stream target, long cap, Func<string> tooLarge)
    {
        var digest = new SM3Digest();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
            if (total > cap)
            {
                throw new InvalidDataException(tooLarge());
            }
            digest.BlockUpdate(buffer, 0, read);
            target.Write(buffer, 0, read);
        }
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return (Convert.ToHexStringLower(hash), total);
    }
}
