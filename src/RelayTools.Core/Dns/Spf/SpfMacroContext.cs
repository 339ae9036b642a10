using System;
using System.Net;

namespace RelayTools.Core.Dns.Spf;

/// <summary>The values the macro letters stand for (RFC 7208 7.2), for one domain being evaluated.</summary>
internal sealed class SpfMacroContext
{
    /// <summary>s: the sender, local-part@domain.</summary>
    public string Sender { get; set; } = "";

    /// <summary>l: the sender's local-part ("postmaster" when it has none, 4.3).</summary>
    public string LocalPart { get; set; } = "";

    /// <summary>o: the sender's domain.</summary>
    public string SenderDomain { get; set; } = "";

    /// <summary>d: the domain whose record is being evaluated.</summary>
    public string Domain { get; set; } = "";

    /// <summary>i, c, v: the client address (IPv4-mapped addresses already made IPv4).</summary>
    public IPAddress Address { get; set; } = IPAddress.None;

    /// <summary>h: the HELO/EHLO name (empty when not given).</summary>
    public string HeloName { get; set; } = "";

    /// <summary>r: the receiving host's name ("unknown" when not given, 7.2).</summary>
    public string ReceiverName { get; set; } = "unknown";

    /// <summary>t: the time of the check.</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>p: the validated name of the client, for the current domain (looked up only when the macro is used).</summary>
    public Func<string, string> ValidatedName { get; set; } = _ => "unknown";
}
