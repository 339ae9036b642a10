namespace RelayTools.Core.Dns.SenderAuthorization;

/// <summary>What receivers will most likely make of the relay's mail for the domain.</summary>
public enum SenderAuthorizationVerdict
{
    /// <summary>SPF passes and aligns with the From domain, and reverse DNS forward-confirms.</summary>
    Pass,

    /// <summary>Mail passes, but something receivers score or warn about needs fixing (no DMARC record, softfail, no confirmed reverse DNS).</summary>
    Warning,

    /// <summary>A receiver that applies the domain's policy refuses or quarantines the mail, or SPF fails.</summary>
    Fail,

    /// <summary>A DNS lookup failed or timed out: the answer is not known now (RFC 7208 temperror).</summary>
    TempError,
}
