using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Gengbao.Security.Crypto;

/// <summary>
/// SM2 signatures (GB/T 32918.2-2016) on the sm2p256v1 curve with SM3, the default signer ID "1234567812345678"
/// (GB/T 35276-2017 §7), DER-encoded (r, s). Keys travel as PEM: PKCS#8 <c>PRIVATE KEY</c> and X.509
/// <c>PUBLIC KEY</c>, the forms <c>openssl genpkey -algorithm SM2</c> and <c>openssl pkey -pubout</c> write.
/// </summary>
public static class Sm2Signer
{
    private static readonly X9ECParameters Curve = GMNamedCurves.GetByName("sm2p256v1");
    private static readonly ECDomainParameters Domain = new(Curve);

    /// <summary>A new key pair as (private PEM, public PEM).</summary>
    public static (string PrivatePem, string PublicPem) GenerateKeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Domain, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return (Pem(PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private)), Pem(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public)));
    }

    /// <summary>Signs <paramref name="data"/> with the private key in <paramref name="privatePem"/>; DER signature bytes.</summary>
    /// <exception cref="FormatException">The PEM holds no SM2 private key.</exception>
    public static byte[] Sign(ReadOnlySpan<byte> data, string privatePem)
    {
        var key = ReadKey(privatePem) as ECPrivateKeyParameters ?? throw new FormatException("the PEM holds no EC private key");
        var signer = new Org.BouncyCastle.Crypto.Signers.SM2Signer();
        signer.Init(true, new ParametersWithRandom(key, new SecureRandom()));
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }

    /// <summary>True when <paramref name="signature"/> is a valid SM2 signature of <paramref name="data"/> by the public key; false on any malformed input.</summary>
    /// <exception cref="FormatException">The PEM holds no SM2 public key.</exception>
    public static bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, string publicPem)
    {
        var key = PublicKey(publicPem);
        var verifier = new Org.BouncyCastle.Crypto.Signers.SM2Signer();
        verifier.Init(false, key);
        verifier.BlockUpdate(data);
        try
        {
            return verifier.VerifySignature(signature.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or CryptoException)
        {
            return false;
        }
    }

    /// <summary>The public PEM of a private or public PEM (e.g. to register the key a private PEM belongs to).</summary>
    public static string PublicPemOf(string pem) => ReadKey(pem) switch
    {
        ECPrivateKeyParameters p => Pem(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new ECPublicKeyParameters(Domain.G.Multiply(p.D).Normalize(), Domain))),
        ECPublicKeyParameters p => Pem(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(p)),
        _ => throw new FormatException("the PEM holds no EC key"),
    };

    /// <summary>SM3 of the DER public key, lower-case hex: a short name for a key in logs and lists.</summary>
    public static string Fingerprint(string publicPem) =>
        Sm3.HashHex(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(PublicKey(publicPem)).GetDerEncoded());

    private static ECPublicKeyParameters PublicKey(string pem) =>
        ReadKey(pem) as ECPublicKeyParameters ?? throw new FormatException("the PEM holds no EC public key");

    private static AsymmetricKeyParameter ReadKey(string pem)
    {
        object? read;
        try
        {
            using var reader = new StringReader(pem);
            read = new PemReader(reader).ReadObject();
        }
        catch (Exception e) when (e is IOException or PemException or ArgumentException or InvalidCastException)
        {
            throw new FormatException($"not a PEM key: {e.Message}", e);
        }
        var key = read switch
        {
            AsymmetricCipherKeyPair pair => pair.Private,
            AsymmetricKeyParameter k => k,
            _ => throw new FormatException("not a PEM key"),
        };
        var domain = key switch
        {
            ECPrivateKeyParameters p => p.Parameters,
            ECPublicKeyParameters p => p.Parameters,
            _ => throw new FormatException("not an SM2 (EC) key"),
        };
        if (!domain.Curve.Equals(Domain.Curve))
        {
            throw new FormatException("an EC key on another curve than sm2p256v1");
        }
        return key;
    }

    private static string Pem(object value)
    {
        var text = new StringBuilder();
        using (var writer = new StringWriter(text))
        {
            var pem = new PemWriter(writer);
            pem.WriteObject(value is PrivateKeyInfo info ? new Org.BouncyCastle.Utilities.IO.Pem.PemObject("PRIVATE KEY", info.GetEncoded())
                : value is SubjectPublicKeyInfo spki ? new Org.BouncyCastle.Utilities.IO.Pem.PemObject("PUBLIC KEY", spki.GetEncoded()) : value);
        }
        return text.ToString();
    }
}
