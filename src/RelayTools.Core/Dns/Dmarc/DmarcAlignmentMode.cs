namespace RelayTools.Core.Dns.Dmarc;

/// <summary>How closely an authenticated domain must match the From domain (RFC 7489 3.1, the adkim and aspf tags).</summary>
public enum DmarcAlignmentMode
{
    /// <summary>r (the default): the same organizational domain is enough.</summary>
    Relaxed,

    /// <summary>s: only the exact same domain aligns.</summary>
    Strict,
}
