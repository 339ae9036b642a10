namespace RelayTools.Core.Dns.Dkim;

/// <summary>Whether a selector publishes a key DKIM signatures can verify with (the signatures themselves need a message).</summary>
public sealed class DkimKeyCheckResult
{
    /// <summary>The selector (s= of the signatures).</summary>
    public string Selector { get; set; } = "";

    /// <summary>The signing domain (d= of the signatures).</summary>
    public string Domain { get; set; } = "";

    /// <summary>The name queried: &lt;selector&gt;._domainkey.&lt;domain&gt; (RFC 6376 3.6.2.1).</summary>
    public string Name { get; set; } = "";

    /// <summary>How the check ended.</summary>
    public DkimKeyStatus Status { get; set; }

    /// <summary>True when a key record was found (valid or not).</summary>
    public bool Found { get; set; }

    /// <summary>The key record read (the first, when there are several).</summary>
    public string Record { get; set; } = "";

    /// <summary>Every key record at the name.</summary>
    public string[] Records { get; set; } = [];

    /// <summary>The key type the record declares (k=, rsa by default).</summary>
    public DkimKeyType KeyType { get; set; }

    /// <summary>The RSA modulus size in bits (256 for Ed25519); 0 when unknown.</summary>
    public int KeyBits { get; set; }

    /// <summary>p= is empty: the key was withdrawn.</summary>
    public bool Revoked { get; set; }

    /// <summary>t=y: testing mode.</summary>
    public bool Testing { get; set; }

    /// <summary>t=s: no subdomains in i=.</summary>
    public bool StrictSubdomains { get; set; }

    /// <summary>h=: the hash algorithms allowed (empty: all).</summary>
    public string[] HashAlgorithms { get; set; } = [];

    /// <summary>True when signatures made with the matching private key can verify.</summary>
    public bool Valid { get; set; }

    /// <summary>What stops verification, and failed lookups naming the server.</summary>
    public string[] Problems { get; set; } = [];

    /// <summary>Warnings and remarks.</summary>
    public string[] Notes { get; set; } = [];

    /// <summary>The TXT record text to publish when the key is missing, revoked or broken; never an invented key: a placeholder stands for the key your signer gives.</summary>
    public string SuggestedRecord { get; set; } = "";

    /// <summary>Where to publish <see cref="SuggestedRecord"/> (the name queried).</summary>
    public string SuggestedRecordName { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Status}" + (KeyBits > 0 ? $" ({KeyType.ToString().ToLowerInvariant()} {KeyBits} bits)" : "");
}
