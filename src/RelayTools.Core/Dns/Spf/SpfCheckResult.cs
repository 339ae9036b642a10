namespace RelayTools.Core.Dns.Spf;

/// <summary>
/// The answer of check_host() for one address and domain, with the path that led to it. Plain types only, so
/// PowerShell shows and serializes it as it is.
/// </summary>
public sealed class SpfCheckResult
{
    /// <summary>pass, fail, softfail, neutral, none, permerror or temperror (RFC 7208 2.6).</summary>
    public SpfResult Result { get; set; }

    /// <summary>The domain whose policy was checked.</summary>
    public string Domain { get; set; } = "";

    /// <summary>The sending address as given (an IPv4-mapped IPv6 address is evaluated as IPv4; see Notes).</summary>
    public string SendingAddress { get; set; } = "";

    /// <summary>The sender used for the macros: MAIL FROM, or postmaster@ the HELO name or domain (RFC 7208 2.4, 4.3).</summary>
    public string Sender { get; set; } = "";

    /// <summary>The HELO/EHLO name used for %{h}; empty when not given.</summary>
    public string HeloName { get; set; } = "";

    /// <summary>The domain's SPF record text; empty when it has none (or more than one; see Problem).</summary>
    public string Record { get; set; } = "";

    /// <summary>
    /// The term of the domain's record that decided, e.g. "-all" or "include:_spf.example.com"; after a redirect,
    /// "redirect=... &gt; " and the term of the target's record. For permerror and temperror, the term at fault.
    /// Empty when nothing matched (the default neutral, 4.7) or the domain has no record.
    /// </summary>
    public string DecidedBy { get; set; } = "";

    /// <summary>Every record fetched and term evaluated, in order; nested records one Depth deeper.</summary>
    public SpfStep[] Path { get; set; } = [];

    /// <summary>How many terms queried DNS (the limit is 10, RFC 7208 4.6.4).</summary>
    public int LookupCount { get; set; }

    /// <summary>How many lookups were void: NXDOMAIN or no records (the limit is 2, RFC 7208 4.6.4).</summary>
    public int VoidLookupCount { get; set; }

    /// <summary>The explanation the domain publishes with exp= (6.2), expanded; empty when none or it could not be used.</summary>
    public string Explanation { get; set; } = "";

    /// <summary>For permerror: the term at fault and why; for temperror: the lookup and the server asked. Otherwise empty.</summary>
    public string Problem { get; set; } = "";

    /// <summary>The kind of problem behind a permerror or temperror; None otherwise.</summary>
    public SpfProblemKind ProblemKind { get; set; }

    /// <summary>Things worth knowing that did not change the result: ptr is discouraged, an exp= that was ignored, and so on.</summary>
    public string[] Notes { get; set; } = [];

    /// <inheritdoc />
    public override string ToString()
    {
        string text = Result.ToString().ToLowerInvariant() + " for " + SendingAddress + " at " + Domain;
        if (DecidedBy.Length > 0) text += " (" + DecidedBy + ")";
        if (Problem.Length > 0) text += ": " + Problem;
        return text;
    }
}
