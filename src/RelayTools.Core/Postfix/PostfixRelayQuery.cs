namespace RelayTools.Core.Postfix;

/// <summary>The SMTP session a what-if evaluates: who connects, who they are, and the RCPT TO.</summary>
public sealed class PostfixRelayQuery
{
    /// <summary>The client IP address.</summary>
    public string ClientAddress { get; set; } = "";

    /// <summary>The client's verified host name, or <c>unknown</c>.</summary>
    public string ClientName { get; set; } = "unknown";

    /// <summary>The HELO/EHLO name (empty: not given).</summary>
    public string Helo { get; set; } = "";

    /// <summary>The MAIL FROM address (empty: the null sender &lt;&gt;).</summary>
    public string Sender { get; set; } = "";

    /// <summary>The RCPT TO address.</summary>
    public string Recipient { get; set; } = "";

    /// <summary>True when the client authenticated with SASL.</summary>
    public bool Authenticated { get; set; }

    /// <summary>The SASL login name (implies Authenticated).</summary>
    public string SaslUser { get; set; } = "";
}
