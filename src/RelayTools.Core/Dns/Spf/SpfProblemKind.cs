namespace RelayTools.Core.Dns.Spf;

/// <summary>What kind of problem made a check permerror or temperror, for callers that act on it (the Problem text says the details).</summary>
public enum SpfProblemKind
{
    /// <summary>No problem: the result is pass, fail, softfail, neutral or none.</summary>
    None,

    /// <summary>A record has a syntax error (RFC 7208 4.6); the term at fault is in DecidedBy.</summary>
    Syntax,

    /// <summary>A domain publishes more than one SPF record (4.5).</summary>
    MultipleRecords,

    /// <summary>More than 10 DNS-querying terms (4.6.4).</summary>
    LookupLimit,

    /// <summary>More than 2 void lookups (4.6.4).</summary>
    VoidLookupLimit,

    /// <summary>An mx term met more than 10 MX records (4.6.4).</summary>
    MxLimit,

    /// <summary>An include or redirect target has no SPF record (5.2, 6.1).</summary>
    MissingTarget,

    /// <summary>A DNS timeout or server failure (temperror, 2.6.6); Problem names the server asked.</summary>
    Dns,
}
