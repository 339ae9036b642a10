using System;
using System.IO;
using System.Linq;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace RelayTools.Core.Dns.Dkim;

/// <summary>
/// Decodes the p= value of a key record. RSA keys are a DER SubjectPublicKeyInfo (what "openssl rsa -pubout"
/// writes; RFC 6376 3.6.1 and Appendix C), read with BouncyCastle because netstandard2.0 cannot import SPKI;
/// Ed25519 keys are the bare 32 bytes (RFC 8463 3).
/// </summary>
internal static class DkimPublicKeyReader
{
    // The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 4): SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING }.
    private static readonly byte[] Ed25519SpkiPrefix = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

    /// <summary>What a p= value holds.</summary>
    internal sealed class Reading
    {
        public DkimKeyType Type { get; set; }

        public int Bits { get; set; }

        public string Problem { get; set; } = "";

        /// <summary>The same key in the encoding verifiers expect, when the published encoding was another one.</summary>
        public string Repaired { get; set; } = "";
    }

    /// <summary>Reads <paramref name="base64"/> as a key of <paramref name="declared"/> type; the reading says what it found and what is wrong.</summary>
    public static Reading Read(string base64, DkimKeyType declared)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return new Reading { Problem = "p= is not valid base64 (RFC 6376 3.6.1): check for a truncated or mis-split TXT record" };
        }

        Reading found = Identify(bytes);
        if (declared == DkimKeyType.Ed25519)
        {
            if (bytes.Length == 32)
            {
                return new Reading { Type = DkimKeyType.Ed25519, Bits = 256 };
            }
            if (found.Type == DkimKeyType.Ed25519)
            {
                found.Problem = "p= holds an Ed25519 key wrapped in SubjectPublicKeyInfo; RFC 8463 3 wants the bare 32-byte key";
                return found;
            }
            if (found.Type == DkimKeyType.Rsa)
            {
                found.Problem = $"k=ed25519 but p= is a {found.Bits}-bit RSA key: write k=rsa";
                return found;
            }
            return new Reading { Problem = $"p= is {bytes.Length} bytes; an Ed25519 key is 32 (RFC 8463 3)" };
        }

        if (found.Type == DkimKeyType.Rsa)
        {
            return found;
        }
        if (found.Type == DkimKeyType.Ed25519 || bytes.Length == 32)
        {
            return new Reading
            {
                Type = DkimKeyType.Ed25519,
                Bits = 256,
                Problem = "p= looks like an Ed25519 key but the record says (or defaults to) k=rsa: write k=ed25519",
                Repaired = found.Repaired,
            };
        }
        return found.Problem.Length > 0 ? found : new Reading { Problem = "p= is not an RSA public key (a DER SubjectPublicKeyInfo, RFC 6376 3.6.1)" };
    }

    private static Reading Identify(byte[] bytes)
    {
        if (bytes.Length == 44 && bytes.Take(Ed25519SpkiPrefix.Length).SequenceEqual(Ed25519SpkiPrefix))
        {
            return new Reading { Type = DkimKeyType.Ed25519, Bits = 256, Repaired = Convert.ToBase64String(bytes, 12, 32) };
        }
        try
        {
            AsymmetricKeyParameter key = PublicKeyFactory.CreateKey(bytes);
            return key switch
            {
                RsaKeyParameters rsa => new Reading { Type = DkimKeyType.Rsa, Bits = rsa.Modulus.BitLength },
                Ed25519PublicKeyParameters => new Reading { Type = DkimKeyType.Ed25519, Bits = 256 },
                _ => new Reading { Problem = $"p= is a {key.GetType().Name.Replace("PublicKeyParameters", "").Replace("KeyParameters", "")} key, which DKIM does not use (RFC 6376 3.6.1, RFC 8463)" },
            };
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or SecurityUtilityException or InvalidOperationException)
        {
        }
        try
        {
            // A bare PKCS#1 RSAPublicKey: the same key, but not the SubjectPublicKeyInfo verifiers parse.
            var structure = RsaPublicKeyStructure.GetInstance(Asn1Object.FromByteArray(bytes));
            var parameters = new RsaKeyParameters(false, structure.Modulus, structure.PublicExponent);
            SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(parameters);
            return new Reading
            {
                Type = DkimKeyType.Rsa,
                Bits = structure.Modulus.BitLength,
                Problem = "p= holds a bare PKCS#1 RSAPublicKey, not the SubjectPublicKeyInfo (\"openssl rsa -pubout\") that verifiers parse; publish the same key in that form",
                Repaired = Convert.ToBase64String(info.GetDerEncoded()),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
        {
            return new Reading();
        }
    }
}
