using System.Net;

namespace RelayTools.Core.Dns.SenderAuthorization;

/// <summary>What a relay will send as: the From domain, the address it sends from, its EHLO name and envelope sender.</summary>
public sealed class SenderAuthorizationQuery
{
    /// <summary>The From domain the messages carry (the domain DMARC protects).</summary>
    public string Domain { get; set; } = "";

    /// <summary>The relay's egress address, as receivers see it.</summary>
    public IPAddress SendingAddress { get; set; } = IPAddress.None;

    /// <summary>The name the relay gives in EHLO (SPF's %{h}, and the name reverse DNS should confirm); empty when unknown.</summary>
    public string HeloName { get; set; } = "";

    /// <summary>The envelope sender (MAIL FROM) the relay uses; empty: an address of <see cref="Domain"/>, so SPF is checked for it.</summary>
    public string MailFrom { get; set; } = "";

    /// <summary>The DKIM selectors the relay signs with (s=); none: DKIM is not checked.</summary>
    public string[] DkimSelectors { get; set; } = [];

    /// <summary>The signing domain (d=) of those selectors; empty: <see cref="Domain"/>.</summary>
    public string DkimDomain { get; set; } = "";
}
