using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace RelayTools.Core.Smtp;

/// <summary>
/// A PEM file holding a client certificate (and maybe its chain) and the private key, turned into an
/// X509Certificate2 with that key: read with BouncyCastle, packed into an in-memory PKCS#12 under a
/// throw-away password and loaded from there, which works on .NET Framework 4.7.2 and on .NET alike.
/// </summary>
internal static class PemClientCertificate
{
    public static X509Certificate2 Load(string path, byte[] bytes, SecureString? password)
    {
        var certificates = new List<BcCertificate>();
        AsymmetricKeyParameter? key = null;
        bool encrypted = System.Text.Encoding.ASCII.GetString(bytes).IndexOf("ENCRYPTED", StringComparison.Ordinal) >= 0;
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes));
            var pem = new PemReader(reader, password is null ? null : new SecurePasswordFinder(password));
            object item;
            while ((item = pem.ReadObject()) is not null)
            {
                switch (item)
                {
                    case BcCertificate certificate:
                        certificates.Add(certificate);
                        break;
                    case AsymmetricCipherKeyPair pair:
                        key ??= pair.Private;
                        break;
                    case AsymmetricKeyParameter { IsPrivate: true } privateKey:
                        key ??= privateKey;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidCipherTextException or CryptoException or ArgumentException)
        {
            throw encrypted && password is null
                ? new ClientCertificateException(ClientCertificateProblem.PasswordRequired, path,
                    $"The private key in '{path}' is encrypted: give its password with -ClientCertificatePassword.", ex)
                : encrypted
                    ? new ClientCertificateException(ClientCertificateProblem.PasswordIncorrect, path,
                        $"The private key in '{path}' cannot be decrypted with the password given: {ex.Message}", ex)
                    : new ClientCertificateException(ClientCertificateProblem.Unreadable, path, $"'{path}' is not a readable PEM file: {ex.Message}", ex);
        }

        if (certificates.Count == 0)
        {
            throw new ClientCertificateException(ClientCertificateProblem.NoCertificate, path, $"'{path}' holds no CERTIFICATE block.");
        }

        if (key is null)
        {
            throw new ClientCertificateException(ClientCertificateProblem.NoPrivateKey, path,
                $"'{path}' holds a certificate but no private key: put both in one file (cat cert.pem key.pem > client.pem) or use a PFX.");
        }

        BcCertificate? leaf = certificates.Count == 1 ? certificates[0] : certificates.FirstOrDefault(c => Belongs(key, c.GetPublicKey()));
        if (leaf is null || !Belongs(key, leaf.GetPublicKey()))
        {
            throw new ClientCertificateException(ClientCertificateProblem.KeyMismatch, path,
                $"The private key in '{path}' belongs to none of its {certificates.Count} certificate(s).");
        }

        return ToX509Certificate2(key, [leaf, .. certificates.Where(c => !ReferenceEquals(c, leaf))]);
    }

    // Whether the private key is the partner of the public key (RSA and EC compared; other kinds trusted).
    private static bool Belongs(AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey) => (privateKey, publicKey) switch
    {
        (RsaPrivateCrtKeyParameters rsa, RsaKeyParameters pub) => rsa.Modulus.Equals(pub.Modulus) && rsa.PublicExponent.Equals(pub.Exponent),
        (RsaKeyParameters rsa, RsaKeyParameters pub) => rsa.Modulus.Equals(pub.Modulus),
        (ECPrivateKeyParameters ec, ECPublicKeyParameters pub) => ec.Parameters.G.Multiply(ec.D).Normalize().Equals(pub.Q.Normalize()),
        (RsaKeyParameters, _) or (ECPrivateKeyParameters, _) => false,
        _ => true,
    };

    private static X509Certificate2 ToX509Certificate2(AsymmetricKeyParameter key, BcCertificate[] chain)
    {
        Pkcs12Store store = new Pkcs12StoreBuilder()
            // 3DES for both bags: every PKCS#12 reader (Windows CAPI, .NET's own) opens it.
            .SetCertAlgorithm(PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc)
            .SetKeyAlgorithm(PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc)
            .Build();
        store.SetKeyEntry("client", new AsymmetricKeyEntry(key), chain.Select(c => new X509CertificateEntry(c)).ToArray());
        var random = new SecureRandom();
        char[] secret = Enumerable.Range(0, 32).Select(_ => (char)('a' + random.Next(26))).ToArray();
        using var output = new MemoryStream();
        store.Save(output, secret, random);
        return new X509Certificate2(output.ToArray(), new string(secret), ClientCertificateFile.StorageFlags);
    }

    // Hands BouncyCastle the password only when it asks, as a char[] it may overwrite.
    private sealed class SecurePasswordFinder(SecureString password) : IPasswordFinder
    {
        public char[] GetPassword()
        {
            IntPtr unmanaged = Marshal.SecureStringToGlobalAllocUnicode(password);
            try
            {
                var chars = new char[password.Length];
                Marshal.Copy(unmanaged, chars, 0, chars.Length);
                return chars;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            }
        }
    }
}
