namespace RelayTools.Core.Dns.Dmarc;

/// <summary>Whether one authenticated domain (SPF's MAIL FROM domain or DKIM's d=) aligns with the From domain (RFC 7489 3.1).</summary>
public sealed class DmarcAlignmentCheck
{
    /// <summary>"SPF" or "DKIM".</summary>
    public string Mechanism { get; set; } = "";

    /// <summary>The RFC5322.From domain.</summary>
    public string FromDomain { get; set; } = "";

    /// <summary>The domain the mechanism authenticates: the MAIL FROM domain for SPF, d= for DKIM.</summary>
    public string AuthenticatedDomain { get; set; } = "";

    /// <summary>The mode the record asks for (aspf or adkim).</summary>
    public DmarcAlignmentMode Mode { get; set; }

    /// <summary>True when the domains align in that mode.</summary>
    public bool Aligned { get; set; }

    /// <summary>One sentence saying why.</summary>
    public string Explanation { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Explanation;
}
