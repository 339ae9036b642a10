using System.Net;

namespace RelayTools.Core.Dns;

/// <summary>
/// One address to probe for a domain's mail, and where it came from: the domain, the MX host (or the domain
/// itself for an implicit MX) and its preference. A host that yielded no address is listed too, with
/// <see cref="Address"/> null and <see cref="Note"/> saying why, so a report can name every MX.
/// </summary>
public sealed class MxTarget
{
    /// <summary>The domain whose mail this is (as asked, without a trailing dot).</summary>
    public string Domain { get; set; } = "";

    /// <summary>The mail exchanger: the MX record's host, or the domain itself when <see cref="IsImplicit"/>.</summary>
    public string MxHost { get; set; } = "";

    /// <summary>The MX preference (lower first); 0 for an implicit MX (RFC 5321 5.1).</summary>
    public int Preference { get; set; }

    /// <summary>One A or AAAA address of <see cref="MxHost"/>; null when the host yielded none.</summary>
    public IPAddress? Address { get; set; }

    /// <summary>True when the domain has no MX records and its own address serves as the mail host (RFC 5321 5.1).</summary>
    public bool IsImplicit { get; set; }

    /// <summary>Why there is no address (the host's lookups), or what else is worth knowing; empty when nothing.</summary>
    public string Note { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() =>
        Domain + " MX " + Preference + " " + MxHost + (IsImplicit ? " (implicit)" : "") + " " + (Address?.ToString() ?? "(no address)");
}
