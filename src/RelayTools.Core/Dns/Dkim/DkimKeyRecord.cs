namespace RelayTools.Core.Dns.Dkim;

/// <summary>One DKIM key record read tag by tag (RFC 6376 3.6.1) and its public key decoded.</summary>
public sealed class DkimKeyRecord
{
    /// <summary>The record text (the TXT record's strings joined).</summary>
    public string Text { get; set; } = "";

    /// <summary>v=, empty when absent (it defaults to DKIM1).</summary>
    public string Version { get; set; } = "";

    /// <summary>k=, decoded; <see cref="DkimKeyType.Rsa"/> when absent.</summary>
    public DkimKeyType KeyType { get; set; } = DkimKeyType.Rsa;

    /// <summary>The RSA modulus size in bits, or 256 for Ed25519; 0 when the key could not be read or is revoked.</summary>
    public int KeyBits { get; set; }

    /// <summary>p= is present and empty: the key is revoked.</summary>
    public bool Revoked { get; set; }

    /// <summary>t=y: the domain is testing DKIM; verifiers treat its signed mail like unsigned mail.</summary>
    public bool Testing { get; set; }

    /// <summary>t=s: the i= domain of signatures must be d= itself, not a subdomain.</summary>
    public bool StrictSubdomains { get; set; }

    /// <summary>h=: the hash algorithms the key may be used with; empty means all.</summary>
    public string[] HashAlgorithms { get; set; } = [];

    /// <summary>s=: the services the key is for; empty means all ("*").</summary>
    public string[] ServiceTypes { get; set; } = [];

    /// <summary>True when signatures can verify with this record.</summary>
    public bool Valid { get; set; }

    /// <summary>Why signatures cannot verify (or what must change).</summary>
    public string[] Problems { get; set; } = [];

    /// <summary>Remarks and warnings that do not stop verification (a 1024-bit key, testing mode...).</summary>
    public string[] Notes { get; set; } = [];

    /// <summary>p= as a base64 key verifiers read, when the published one had a repairable encoding (a PKCS#1 RSA key, an SPKI-wrapped Ed25519 key); else empty.</summary>
    public string RepairedPublicKey { get; set; } = "";

    /// <summary>The p= value as published, white space removed.</summary>
    internal string PublicKeyData { get; set; } = "";

    /// <summary>The type the key in p= turned out to be (it can differ from k=); Unknown when unreadable.</summary>
    internal DkimKeyType DetectedKeyType { get; set; }

    /// <summary>True when k= was absent or a known type.</summary>
    internal bool KeyTypeUnderstood { get; set; } = true;

    /// <inheritdoc />
    public override string ToString() => Text;
}
