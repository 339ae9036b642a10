using RelayTools.Core.Dns.Dkim;
using RelayTools.Core.Dns.Dmarc;
using RelayTools.Core.Dns.ReverseDns;
using RelayTools.Core.Dns.Spf;

namespace RelayTools.Core.Dns.SenderAuthorization;

/// <summary>Whether receivers will take a relay's mail for a domain: SPF, DMARC alignment, DKIM keys and reverse DNS, with the records to publish.</summary>
public sealed class SenderAuthorizationResult
{
    /// <summary>The From domain.</summary>
    public string Domain { get; set; } = "";

    /// <summary>The relay's egress address.</summary>
    public string SendingAddress { get; set; } = "";

    /// <summary>The EHLO name given (empty when none).</summary>
    public string HeloName { get; set; } = "";

    /// <summary>The envelope sender SPF was checked for.</summary>
    public string MailFrom { get; set; } = "";

    /// <summary>The overall answer.</summary>
    public SenderAuthorizationVerdict Verdict { get; set; }

    /// <summary>The SPF result, as <see cref="Spf"/> has it (here for filtering and tables).</summary>
    public SpfResult SpfResult { get; set; }

    /// <summary>The DMARC policy that applies to the domain (NotPublished without a record), as <see cref="Dmarc"/> has it.</summary>
    public DmarcPolicy DmarcPolicy { get; set; }

    /// <summary>The reverse-DNS status of the sending address, as <see cref="ReverseDns"/> has it.</summary>
    public ReverseDnsStatus ReverseDnsStatus { get; set; }

    /// <summary>What DMARC makes of it, in a sentence: which of SPF and DKIM can pass aligned, and the policy.</summary>
    public string DmarcOutcome { get; set; } = "";

    /// <summary>The SPF check of the MAIL FROM domain (RFC 7208 check_host), with the path of terms that decided.</summary>
    public SpfCheckResult Spf { get; set; } = new();

    /// <summary>Whether the MAIL FROM domain aligns with the From domain under the DMARC record's aspf.</summary>
    public DmarcAlignmentCheck SpfAlignment { get; set; } = new();

    /// <summary>The DMARC record of the From domain (or of its organizational domain).</summary>
    public DmarcCheckResult Dmarc { get; set; } = new();

    /// <summary>The DKIM key of each selector given.</summary>
    public DkimKeyCheckResult[] Dkim { get; set; } = [];

    /// <summary>Whether the signing domain aligns with the From domain under adkim (empty Mechanism when no selector was given).</summary>
    public DmarcAlignmentCheck DkimAlignment { get; set; } = new();

    /// <summary>The PTR names of the sending address and whether one forward-confirms.</summary>
    public ReverseDnsResult ReverseDns { get; set; } = new();

    /// <summary>Every failing point, most severe first, with the record to publish.</summary>
    public SenderAuthorizationFinding[] Findings { get; set; } = [];

    /// <summary>What was not checked, or assumed.</summary>
    public string[] Notes { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => Domain + " from " + SendingAddress + ": " + Verdict;
}
