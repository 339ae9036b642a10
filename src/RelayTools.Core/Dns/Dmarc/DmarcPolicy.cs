namespace RelayTools.Core.Dns.Dmarc;

/// <summary>What a DMARC record asks receivers to do with mail that fails DMARC (RFC 7489 6.3, the p and sp tags).</summary>
public enum DmarcPolicy
{
    /// <summary>No usable policy: no record, several records, or a record receivers ignore (RFC 7489 6.6.3 steps 5 and 6).</summary>
    NotPublished,

    /// <summary>p=none: deliver as usual, only report.</summary>
    None,

    /// <summary>p=quarantine: treat failing mail as suspicious (usually the spam folder).</summary>
    Quarantine,

    /// <summary>p=reject: refuse failing mail, normally during the SMTP transaction.</summary>
    Reject,
}
