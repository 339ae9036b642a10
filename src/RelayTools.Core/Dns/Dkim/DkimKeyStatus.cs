namespace RelayTools.Core.Dns.Dkim;

/// <summary>What the key record of a selector says for verifiers.</summary>
public enum DkimKeyStatus
{
    /// <summary>One record with a usable key: signatures made with its private key can verify.</summary>
    Valid,

    /// <summary>A record, but signatures cannot verify with it (syntax, key, size, service or hash restrictions).</summary>
    Invalid,

    /// <summary>p= is empty: the key was withdrawn (RFC 6376 3.6.1).</summary>
    Revoked,

    /// <summary>No TXT record at the selector's name.</summary>
    NotFound,

    /// <summary>The lookup timed out or failed: verifiers give a temporary error.</summary>
    TempError,
}
