using System;
using System.Linq;
using System.Security.Cryptography;

namespace RelayTools.Core.Tests.Dns.Dkim;

/// <summary>Public keys for the key record tests, generated once per run (no fixed key in the sources).</summary>
internal static class DkimTestKeys
{
    private static readonly Lazy<RSA> Rsa2048Key = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> Rsa1024Key = new(() => RSA.Create(1024));
    private static readonly Lazy<RSA> Rsa512Key = new(() => RSA.Create(512));

    /// <summary>A 2048-bit RSA key as a base64 SubjectPublicKeyInfo, as "openssl rsa -pubout" gives it.</summary>
    public static string Rsa2048 => Convert.ToBase64String(Rsa2048Key.Value.ExportSubjectPublicKeyInfo());

    /// <summary>The same key as a bare PKCS#1 RSAPublicKey.</summary>
    public static string Rsa2048Pkcs1 => Convert.ToBase64String(Rsa2048Key.Value.ExportRSAPublicKey());

    public static string Rsa1024 => Convert.ToBase64String(Rsa1024Key.Value.ExportSubjectPublicKeyInfo());

    public static string Rsa512 => Convert.ToBase64String(Rsa512Key.Value.ExportSubjectPublicKeyInfo());

    /// <summary>RFC 8463 Appendix A.2's Ed25519 key (the public key of RFC 8032 7.1 test 1).</summary>
    public const string Ed25519 = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    /// <summary>That key wrapped in a SubjectPublicKeyInfo (RFC 8410), a common publishing mistake.</summary>
    public static string Ed25519Spki => Convert.ToBase64String(
        new byte[] { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00 }.Concat(Convert.FromBase64String(Ed25519)).ToArray());
}
