namespace RelayTools.Core.Exim;

/// <summary>The SMTP session the Exim what-if runs up to RCPT TO.</summary>
public sealed class EximRelayQuery
{
    /// <summary>The client's IP address.</summary>
    public string ClientAddress { get; set; } = "";
    /// <summary>The client's verified host name; empty when unknown (no reverse DNS offline).</summary>
    public string ClientName { get; set; } = "";
    /// <summary>The HELO/EHLO name.</summary>
    public string Helo { get; set; } = "";
    /// <summary>The MAIL FROM address; empty for the null sender.</summary>
    public string Sender { get; set; } = "";
    /// <summary>The RCPT TO address.</summary>
    public string Recipient { get; set; } = "";
    /// <summary>The authenticated id after a successful AUTH; empty when the client does not authenticate.</summary>
    public string AuthenticatedId { get; set; } = "";
    /// <summary>The session runs over TLS (STARTTLS or on a TLS-on-connect port).</summary>
    public bool Tls { get; set; }
    /// <summary>primary_hostname when the configuration does not set it (Exim takes the host's name).</summary>
    public string DefaultPrimaryHostname { get; set; } = "";
    /// <summary>The server's own addresses (@[], @) when local_interfaces does not list them; default 127.0.0.1 and ::1.</summary>
    public string[] LocalAddresses { get; set; } = [];
}
