using System;

namespace RelayTools.Core.Dns.Spf;

/// <summary>The limits and receiver-side values of one check_host() evaluation.</summary>
public sealed class SpfEvaluationOptions
{
    /// <summary>The most terms that query DNS (include, a, mx, ptr, exists, redirect) over the whole evaluation; 10 per RFC 7208 4.6.4.</summary>
    public int MaxDnsLookups { get; set; } = 10;

    /// <summary>The most lookups answered NXDOMAIN or with no records; 2 as RFC 7208 4.6.4 recommends.</summary>
    public int MaxVoidLookups { get; set; } = 2;

    /// <summary>The most MX records one "mx" term may look at; more is a permerror (4.6.4).</summary>
    public int MaxMxRecords { get; set; } = 10;

    /// <summary>The most PTR names the "ptr" mechanism and the "p" macro check; the rest are ignored (4.6.4).</summary>
    public int MaxPtrRecords { get; set; } = 10;

    /// <summary>The "r" macro's value in explanations: the receiving host (7.2; "unknown" when not known).</summary>
    public string ReceiverName { get; set; } = "unknown";

    /// <summary>The "t" macro's time; the current time when null.</summary>
    public DateTimeOffset? Now { get; set; }
}
