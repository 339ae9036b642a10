namespace RelayTools.Core.Dns.Dmarc;

/// <summary>How DMARC policy discovery (RFC 7489 6.6.3) ended.</summary>
public enum DmarcRecordStatus
{
    /// <summary>One usable record, at the domain or at its organizational domain.</summary>
    Found,

    /// <summary>No v=DMARC1 record at either name: receivers apply no DMARC.</summary>
    NotFound,

    /// <summary>More than one v=DMARC1 record at the name: receivers apply no DMARC (6.6.3 step 5).</summary>
    Multiple,

    /// <summary>One record, but without a valid p= (or with an invalid sp=) and without a valid rua=: receivers apply no DMARC (6.6.3 step 6).</summary>
    Unusable,

    /// <summary>A lookup timed out or failed (SERVFAIL): nothing can be said until it answers.</summary>
    TempError,
}
