using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Dns;

/// <summary>How finding a domain's mail hosts ended.</summary>
public enum MxResolutionStatus
{
    /// <summary>At least one MX host (or the implicit MX) has an address to probe.</summary>
    Resolved,

    /// <summary>The domain publishes a null MX (RFC 7505): it accepts no mail, and there is nothing to probe.</summary>
    NullMx,

    /// <summary>The domain does not exist (NXDOMAIN on its MX lookup).</summary>
    NameError,

    /// <summary>No address to probe because a lookup failed (SERVFAIL or a timeout): try again later.</summary>
    TemporaryFailure,

    /// <summary>The lookups answered, but no MX host (nor the domain, without MX) has an A or AAAA address.</summary>
    NoAddress,
}

/// <summary>The mail hosts of a domain, in the order to try them (<see cref="MxResolver"/>).</summary>
public sealed class MxResolution
{
    /// <summary>The domain asked about, without a trailing dot.</summary>
    public string Domain { get; set; } = "";

    /// <summary>How it ended.</summary>
    public MxResolutionStatus Status { get; set; }

    /// <summary>True when the domain has no MX records and its own A/AAAA serve (RFC 5321 5.1).</summary>
    public bool IsImplicit { get; set; }

    /// <summary>The MX records as published, by preference (ties in the order the server gave).</summary>
    public IReadOnlyList<DnsMxRecord> Records { get; set; } = [];

    /// <summary>
    /// Every MX host with each of its addresses (A first, then AAAA), by preference; a host without an address
    /// appears once with a null <see cref="MxTarget.Address"/> and a note.
    /// </summary>
    public IReadOnlyList<MxTarget> Targets { get; set; } = [];

    /// <summary>The server that answered the MX lookup (or was asked, for a timeout).</summary>
    public string Server { get; set; } = "";

    /// <summary>What is worth telling: a null MX ("the domain accepts no mail"), NXDOMAIN, timeouts, hosts without addresses.</summary>
    public IReadOnlyList<string> Notes { get; set; } = [];

    /// <summary>True when some lookup (the MX, or a host's A or AAAA) failed temporarily, even if other hosts resolved.</summary>
    public bool HasTemporaryFailure { get; set; }

    /// <summary>The targets with an address: what a prober connects to, in order.</summary>
    public IReadOnlyList<MxTarget> ProbeTargets => Targets.Where(t => t.Address is not null).ToList();
}
