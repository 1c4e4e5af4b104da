using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Gengbao.Security.Crypto;

/// <summary>
/// Encrypts personal fields at rest with SM4 (GB/T 32907-2016) in GCM mode: a fresh random 12-byte nonce per value
/// and a 16-byte tag, so a changed or swapped value fails to decrypt instead of decrypting to garbage. The
/// <c>context</c> (e.g. <c>"patrol_contact.phone"</c>) is bound as associated data: a ciphertext copied into
/// another column does not decrypt there. The keys come from outside the database (Storage's key files under
/// <c>.data/keys/</c>) and form a ring: key 0 is the first key, each rotation adds the next id and encrypts with it.
/// Layouts: key 0 <c>0x01 | nonce (12) | ciphertext | tag (16)</c>; key n &gt; 0 <c>0x02 | n | nonce | ciphertext | tag</c>.
/// </summary>
public sealed class FieldCipher
{
    public const int KeySize = 16;
    private const byte FirstKeyVersion = 1;
    private const byte KeyIdVersion = 2;
    private const int NonceSize = 12;
    private const int TagBits = 128;
    private readonly Dictionary<byte, KeyParameter> _keys = [];
    private readonly KeyParameter _indexKey;

    public FieldCipher(ReadOnlySpan<byte> key) : this([(0, key.ToArray())])
    {
    }

    /// <summary>A ring of keys by id; values are encrypted with the highest id, any id in the ring decrypts.</summary>
    public FieldCipher(IReadOnlyList<(byte Id, byte[] Key)> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("a field cipher needs at least one key", nameof(keys));
        }
        foreach (var (id, key) in keys)
        {
            if (key.Length != KeySize)
            {
                throw new ArgumentException($"an SM4 key has {KeySize} bytes, not {key.Length} (key {id})", nameof(keys));
            }
            if (!_keys.TryAdd(id, new KeyParameter(key)))
            {
                throw new ArgumentException($"key {id} appears twice", nameof(keys));
            }
        }
        CurrentKeyId = _keys.Keys.Max();
        // A separate key for blind indexes, so the encryption key is never used as a MAC key as well; it follows the
        // current key, so a rotation recomputes the indexes with the values.
        _indexKey = new KeyParameter(Mac(_keys[CurrentKeyId], "gengbao blind index v1"u8));
    }

    /// <summary>The id of the key new values are encrypted with.</summary>
    public byte CurrentKeyId { get; }

    /// <summary>The id of the key a sealed value was encrypted with.</summary>
    public static byte KeyIdOf(ReadOnlySpan<byte> sealedValue) =>
        sealedValue.Length > 1 && sealedValue[0] == KeyIdVersion ? sealedValue[1] : (byte)0;

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
        var header = CurrentKeyId == 0 ? 1 : 2;
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var cipher = Create(_keys[CurrentKeyId], forEncryption: true, nonce, context);
        var input = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[header + NonceSize + cipher.GetOutputSize(input.Length)];
        output[0] = CurrentKeyId == 0 ? FirstKeyVersion : KeyIdVersion;
        if (header == 2)
        {
            output[1] = CurrentKeyId;
        }
        nonce.CopyTo(output, header);
        var n = cipher.ProcessBytes(input, 0, input.Length, output, header + NonceSize);
        cipher.DoFinal(output, header + NonceSize + n);
        return output;
    }

    /// <exception cref="CryptographicException">The value was altered, belongs to another context, or was made with a key not in the ring.</exception>
    public string Decrypt(ReadOnlySpan<byte> sealedValue, string context)
    {
        var header = sealedValue.Length > 0 && sealedValue[0] == KeyIdVersion ? 2 : 1;
        if (sealedValue.Length < header + NonceSize + TagBits / 8 || sealedValue[0] is not (FirstKeyVersion or KeyIdVersion))
        {
            throw new CryptographicException("not an SM4-GCM field value of version 1 or 2");
        }
        var keyId = KeyIdOf(sealedValue);
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"the {context} value was sealed with field key {keyId}, which is not in the key ring");
        }
        var cipher = Create(key, forEncryption: false, sealedValue.Slice(header, NonceSize).ToArray(), context);
        var body = sealedValue[(header + NonceSize)..].ToArray();
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

    private static GcmBlockCipher Create(KeyParameter key, bool forEncryption, byte[] nonce, string context)
    {
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(forEncryption, new AeadParameters(key, TagBits, nonce, Encoding.UTF8.GetBytes(context)));
        return cipher;
    }
}
