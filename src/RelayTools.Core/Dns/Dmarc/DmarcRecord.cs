using System.Collections.Generic;

namespace RelayTools.Core.Dns.Dmarc;

/// <summary>One DMARC record read tag by tag (RFC 7489 6.3), with the defaults filled in and what was wrong with it.</summary>
public sealed class DmarcRecord
{
    /// <summary>The record text as published.</summary>
    public string Text { get; set; } = "";

    /// <summary>True when the first tag is v=DMARC1: otherwise receivers discard the record (RFC 7489 6.6.3 step 2).</summary>
    public bool IsDmarc { get; set; }

    /// <summary>The p tag; <see cref="DmarcPolicy.NotPublished"/> when it is missing or not valid.</summary>
    public DmarcPolicy Policy { get; set; }

    /// <summary>True when p is present and valid.</summary>
    public bool HasValidPolicy { get; set; }

    /// <summary>The sp tag, or p when sp is absent (RFC 7489 6.3).</summary>
    public DmarcPolicy SubdomainPolicy { get; set; }

    /// <summary>True when an sp tag is present (valid or not).</summary>
    public bool HasSubdomainPolicy { get; set; }

    /// <summary>True when sp is absent or valid.</summary>
    public bool SubdomainPolicyValid { get; set; } = true;

    /// <summary>adkim (default relaxed).</summary>
    public DmarcAlignmentMode DkimAlignment { get; set; }

    /// <summary>aspf (default relaxed).</summary>
    public DmarcAlignmentMode SpfAlignment { get; set; }

    /// <summary>pct, 0-100 (default 100).</summary>
    public int Percent { get; set; } = 100;

    /// <summary>The rua URIs (aggregate reports), as written, size limits included.</summary>
    public string[] AggregateReportUris { get; set; } = [];

    /// <summary>True when at least one rua URI is syntactically valid (what RFC 7489 6.6.3 step 6 asks for).</summary>
    public bool HasValidAggregateReportUri { get; set; }

    /// <summary>The ruf URIs (failure reports).</summary>
    public string[] FailureReportUris { get; set; } = [];

    /// <summary>fo (default "0").</summary>
    public string FailureOptions { get; set; } = "0";

    /// <summary>rf (default "afrf").</summary>
    public string ReportFormat { get; set; } = "afrf";

    /// <summary>ri in seconds (default 86400).</summary>
    public long ReportInterval { get; set; } = 86400;

    /// <summary>
    /// True when receivers use this record: v=DMARC1 first, and either valid p (and sp when present) or, failing
    /// that, a valid rua, in which case receivers act as if p=none (RFC 7489 6.6.3 step 6).
    /// </summary>
    public bool IsUsable { get; set; }

    /// <summary>Syntax problems, each naming its tag.</summary>
    public string[] Problems { get; set; } = [];

    /// <summary>Remarks that are not errors (unknown tags ignored, pct below 100...).</summary>
    public string[] Notes { get; set; } = [];

    /// <summary>The tags in the order written, names lower-cased, first occurrence of each: what a corrected record is built from.</summary>
    internal List<KeyValuePair<string, string>> Tags { get; } = [];

    /// <inheritdoc />
    public override string ToString() => Text;
}
