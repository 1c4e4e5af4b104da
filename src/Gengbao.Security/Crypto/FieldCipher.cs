using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Gengbao.Security.Crypto;

/// <summary>
/// Encrypts personal fields at rest with SM4 (GB/T 32907-2016) in GCM mode: a fresh random 12-byte nonce per value
/// and a 16-byte tag, so a changed or swapped value fails to decrypt instead of decrypting to garbage. The
/// <c>context</c> (e.g. <c>"patrol_contact.phone"</c>) is bound as associated data: a ciphertext copied into
/// another column does not decrypt there. Layout: <c>0x01 | nonce (12) | ciphertext | tag (16)</c>.
/// The 16-byte key comes from outside the database (Storage's key file under <c>.data/keys/</c>).
/// </summary>
public sealed class FieldCipher
{
    public const int KeySize = 16;
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagBits = 128;
    private readonly KeyParameter _key;
    private readonly KeyParameter _indexKey;

    public FieldCipher(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"an SM4 key has {KeySize} bytes, not {key.Length}", nameof(key));
        }
        _key = new KeyParameter(key);
        // A separate key for blind indexes, so the encryption key is never used as a MAC key as well.
        _indexKey = new KeyParameter(Mac(new KeyParameter(key), "gengbao blind index v1"u8));
    }

    /// <summary>
    /// A keyed HMAC-SM3 of <paramref name="value"/> (a blind index): equal values give equal indexes under one key and
    /// context, so a sealed column can still be matched (e.g. a roster row by phone) without storing the value itself.
    /// </summary>
    public byte[] BlindIndex(string value, string context)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(context + "\0" + value);
        return Mac(_indexKey, bytes);
    }

    private static byte[] Mac(KeyParameter key, ReadOnlySpan<byte> data)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(key);
        mac.BlockUpdate(data);
        var output = new byte[mac.GetMacSize()];
        mac.DoFinal(output, 0);
        return output;
    }

    public byte[] Encrypt(string plaintext, string context)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var cipher = Create(forEncryption: true, nonce, context);
        var input = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + NonceSize + cipher.GetOutputSize(input.Length)];
        output[0] = Version;
        nonce.CopyTo(output, 1);
        var n = cipher.ProcessBytes(input, 0, input.Length, output, 1 + NonceSize);
        cipher.DoFinal(output, 1 + NonceSize + n);
        return output;
    }

    /// <exception cref="CryptographicException">The value was altered, belongs to another context, or was made with another key.</exception>
    public string Decrypt(ReadOnlySpan<byte> sealedValue, string context)
    {
        if (sealedValue.Length < 1 + NonceSize + TagBits / 8 || sealedValue[0] != Version)
        {
            throw new CryptographicException("not an SM4-GCM field value of version 1");
        }
        var cipher = Create(forEncryption: false, sealedValue.Slice(1, NonceSize).ToArray(), context);
        var body = sealedValue[(1 + NonceSize)..].ToArray();
        var output = new byte[cipher.GetOutputSize(body.Length)];
        try
        {
            var n = cipher.ProcessBytes(body, 0, body.Length, output, 0);
            n += cipher.DoFinal(output, n);
            return Encoding.UTF8.GetString(output, 0, n);
        }
        catch (InvalidCipherTextException e)
        {
            throw new CryptographicException($"the {context} value fails its SM4-GCM check (altered, moved or another key)", e);
        }
    }

    private GcmBlockCipher Create(bool forEncryption, byte[] nonce, string context)
    {
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(forEncryption, new AeadParameters(_key, TagBits, nonce, Encoding.UTF8.GetBytes(context)));
        return cipher;
    }
}
