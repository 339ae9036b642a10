using System;
using System.IO;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace RelayTools.Core.Smtp;

/// <summary>
/// Loads a TLS client certificate with its private key from a file: PKCS#12 (.pfx, .p12), optionally
/// protected by a password, or PEM with the certificate and its key in one file. The same code on every
/// runtime (netstandard2.0 has no X509Certificate2.CreateFromPemFile; PEM goes through BouncyCastle).
/// </summary>
public static class ClientCertificateFile
{
    // Default: on Windows the key is written to a temporary key container (SChannel cannot use an
    // ephemeral key) that Dispose removes; elsewhere it stays in memory.
    internal const X509KeyStorageFlags StorageFlags = X509KeyStorageFlags.DefaultKeySet;

    /// <summary>Loads the certificate of <paramref name="path"/>; the caller disposes it.</summary>
    /// <param name="path">A full file-system path.</param>
    /// <param name="password">The PFX password (or the password of an encrypted PEM key); null for none.</param>
    /// <exception cref="ClientCertificateException">The file is missing, unreadable, locked by a password, or holds no usable certificate and key.</exception>
    public static X509Certificate2 Load(string path, SecureString? password)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ClientCertificateException(ClientCertificateProblem.NotFound, path, $"There is no client certificate file at '{path}'.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ClientCertificateException(ClientCertificateProblem.Unreadable, path, $"The client certificate file '{path}' cannot be read: {ex.Message}", ex);
        }

        X509Certificate2 certificate = IsPem(bytes) ? PemClientCertificate.Load(path, bytes, password) : LoadPkcs12(path, bytes, password);
        if (!certificate.HasPrivateKey)
        {
            string subject = certificate.Subject;
            certificate.Dispose();
            throw new ClientCertificateException(ClientCertificateProblem.NoPrivateKey, path,
                $"'{path}' holds the certificate {subject} but not its private key, so it cannot be offered in a TLS handshake.");
        }

        return certificate;
    }

    private static bool IsPem(byte[] bytes) =>
        Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64 * 1024)).IndexOf("-----BEGIN ", StringComparison.Ordinal) >= 0;

    private static X509Certificate2 LoadPkcs12(string path, byte[] bytes, SecureString? password)
    {
        // PKCS#12 is DER: a SEQUENCE (0x30). Anything else is not a certificate file at all.
        if (bytes.Length == 0 || bytes[0] != 0x30)
        {
            throw new ClientCertificateException(ClientCertificateProblem.Unreadable, path,
                $"'{path}' is neither a PKCS#12 (.pfx, .p12) nor a PEM file.");
        }

        try
        {
            return password is null ? new X509Certificate2(bytes, (string?)null, StorageFlags) : new X509Certificate2(bytes, password, StorageFlags);
        }
        catch (CryptographicException ex)
        {
            throw password is null
                ? new ClientCertificateException(ClientCertificateProblem.PasswordRequired, path,
                    $"'{path}' cannot be opened without a password: give the PFX password with -ClientCertificatePassword ({ex.Message})", ex)
                : new ClientCertificateException(ClientCertificateProblem.PasswordIncorrect, path,
                    $"'{path}' cannot be opened with the password given: {ex.Message}", ex);
        }
    }
}
