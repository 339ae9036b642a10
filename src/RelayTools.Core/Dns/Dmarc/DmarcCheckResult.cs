namespace RelayTools.Core.Dns.Dmarc;

/// <summary>What DMARC asks of mail from one domain: the record that governs it, the policy and the alignment it needs.</summary>
public sealed class DmarcCheckResult
{
    /// <summary>The domain asked about (the From domain), normalized.</summary>
    public string Domain { get; set; } = "";

    /// <summary>Its organizational domain (RFC 7489 3.2).</summary>
    public string OrganizationalDomain { get; set; } = "";

    /// <summary>How discovery ended.</summary>
    public DmarcRecordStatus Status { get; set; }

    /// <summary>True when a single v=DMARC1 record was found (usable or not).</summary>
    public bool Found { get; set; }

    /// <summary>The domain whose _dmarc name holds the record (the domain itself, or the organizational domain by fallback); empty when none.</summary>
    public string RecordDomain { get; set; } = "";

    /// <summary>The record text; empty when none (or several).</summary>
    public string Record { get; set; } = "";

    /// <summary>Every v=DMARC1 record at the name where records were found (more than one only for <see cref="DmarcRecordStatus.Multiple"/>).</summary>
    public string[] Records { get; set; } = [];

    /// <summary>The p policy of the record (<see cref="DmarcPolicy.NotPublished"/> when none applies).</summary>
    public DmarcPolicy Policy { get; set; }

    /// <summary>The sp policy, or p when sp is absent.</summary>
    public DmarcPolicy SubdomainPolicy { get; set; }

    /// <summary>The policy receivers apply to mail from <see cref="Domain"/>: p for a record at the domain itself, sp for one found at the organizational domain.</summary>
    public DmarcPolicy EffectivePolicy { get; set; }

    /// <summary>adkim.</summary>
    public DmarcAlignmentMode AdkimMode { get; set; }

    /// <summary>aspf.</summary>
    public DmarcAlignmentMode AspfMode { get; set; }

    /// <summary>pct.</summary>
    public int Pct { get; set; } = 100;

    /// <summary>The rua URIs.</summary>
    public string[] Rua { get; set; } = [];

    /// <summary>The ruf URIs.</summary>
    public string[] Ruf { get; set; } = [];

    /// <summary>What SPF needs to count for DMARC here, e.g. "SPF passes but aligns only if the MAIL FROM domain is corp.example (aspf=s)".</summary>
    public string SpfAlignment { get; set; } = "";

    /// <summary>What DKIM needs to count for DMARC here.</summary>
    public string DkimAlignment { get; set; } = "";

    /// <summary>The TXT names queried, in order.</summary>
    public string[] Lookups { get; set; } = [];

    /// <summary>What is wrong: record syntax, several records, lookups that failed (naming the server).</summary>
    public string[] Problems { get; set; } = [];

    /// <summary>Remarks that are not errors.</summary>
    public string[] Notes { get; set; } = [];

    /// <summary>The TXT record text to publish when there is none or it is broken, built from the current record where one exists; empty when nothing needs publishing.</summary>
    public string SuggestedRecord { get; set; } = "";

    /// <summary>Where to publish <see cref="SuggestedRecord"/>, e.g. _dmarc.corp.example.</summary>
    public string SuggestedRecordName { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Status == DmarcRecordStatus.Found
        ? $"{Domain}: DMARC p={EffectivePolicy.ToString().ToLowerInvariant()} (record at _dmarc.{RecordDomain})"
        : $"{Domain}: DMARC {Status}";
}
