namespace RelayTools.Core.Sendmail;

/// <summary>The SMTP session the Sendmail what-if runs up to RCPT TO.</summary>
public sealed class SendmailRelayQuery
{
    /// <summary>The client's IP address.</summary>
    public string ClientAddress { get; set; } = "";

    /// <summary>The client's verified host name; empty when it has none (no PTR); null when not known (needs DNS).</summary>
    public string? ClientName { get; set; }

    /// <summary>The MAIL FROM address; empty for the null sender.</summary>
    public string Sender { get; set; } = "";

    /// <summary>The RCPT TO address.</summary>
    public string Recipient { get; set; } = "";

    /// <summary>True when the client authenticated.</summary>
    public bool Authenticated { get; set; }

    /// <summary>The SASL mechanism it used (default: the first of AuthMechanisms that TRUST_AUTH_MECH trusts).</summary>
    public string AuthMechanism { get; set; } = "";

    /// <summary>The SASL user.</summary>
    public string SaslUser { get; set; } = "";

    /// <summary>Domains the caller knows resolve in DNS (for the sender-domain check); the server's own names always do.</summary>
    public string[] ResolvableDomains { get; set; } = [];

    /// <summary>The server port the client connects to (which DaemonPortOptions applies); default 25.</summary>
    public int Port { get; set; } = 25;
}
