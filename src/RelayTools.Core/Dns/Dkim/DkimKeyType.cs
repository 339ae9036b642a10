namespace RelayTools.Core.Dns.Dkim;

/// <summary>The key type of a DKIM key record (RFC 6376 3.6.1, the k tag).</summary>
public enum DkimKeyType
{
    /// <summary>No record, or a k= value verifiers do not know (and so ignore the record: RFC 6376 3.6.1).</summary>
    Unknown,

    /// <summary>k=rsa, the default.</summary>
    Rsa,

    /// <summary>k=ed25519 (RFC 8463).</summary>
    Ed25519,
}
