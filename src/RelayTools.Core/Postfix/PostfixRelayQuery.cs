namespace RelayTools.Core.Postfix;

/// <summary>
/// The SMTP session a what-if evaluates: who connects, who they are, and the RCPT TO. A null field
/// (a log record without a HELO name or SASL user, say) reads as empty, never as a null reference.
/// </summary>
public sealed class PostfixRelayQuery
{
    private string _clientAddress = "";
    private string _clientName = "unknown";
    private string _helo = "";
    private string _sender = "";
    private string _recipient = "";
    private string _saslUser = "";

    /// <summary>The client IP address.</summary>
    public string ClientAddress { get => _clientAddress; set => _clientAddress = value ?? ""; }

    /// <summary>The client's verified host name, or <c>unknown</c> (also when set to null or empty).</summary>
    public string ClientName { get => _clientName; set => _clientName = string.IsNullOrEmpty(value) ? "unknown" : value; }

    /// <summary>The HELO/EHLO name (empty: not given).</summary>
    public string Helo { get => _helo; set => _helo = value ?? ""; }

    /// <summary>The MAIL FROM address (empty: the null sender &lt;&gt;).</summary>
    public string Sender { get => _sender; set => _sender = value ?? ""; }

    /// <summary>The RCPT TO address.</summary>
    public string Recipient { get => _recipient; set => _recipient = value ?? ""; }

    /// <summary>True when the client authenticated with SASL.</summary>
    public bool Authenticated { get; set; }

    /// <summary>The SASL login name (implies Authenticated).</summary>
    public string SaslUser { get => _saslUser; set => _saslUser = value ?? ""; }
}
